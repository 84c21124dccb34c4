package org.pdml.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pdml.artifacts.AtomicFiles;
import org.pdml.eval.metrics.AbstainThreshold;

/**
 * A model's calibrated abstain threshold, {@code <model>/abstain.json}, written by {@code pdml
 * evaluate --target-precision} ({@link AbstainCalibration}) and read by {@code pdml embed}: an
 * image is confident iff its κ = ‖z‖, as the float32 that {@code pdml embed} writes, is ≥ {@code
 * kappa_threshold} (itself a float32 value).
 *
 * <p>JSON fields: {@code target_precision}, {@code kappa_threshold}, {@code split} (always {@code
 * val}), {@code val_recall_at_1} (R@1 of the accepted val queries, ≥ the target), {@code
 * val_coverage} (accepted / evaluated val queries), {@code val_answered}, {@code val_queries} and
 * {@code rule} (the sentence above).
 *
 * @param targetPrecision the target R@1
 * @param kappaThreshold the fitted κ threshold
 * @param valRecallAt1 achieved R@1 on the accepted val queries
 * @param valCoverage fraction of val queries accepted
 * @param valAnswered val queries accepted
 * @param valQueries evaluated val queries (R_q &gt; 0)
 */
public record AbstainFile(
        double targetPrecision,
        float kappaThreshold,
        double valRecallAt1,
        double valCoverage,
        int valAnswered,
        int valQueries) {

    /** File name inside the model folder. */
    public static final String NAME = "abstain.json";

    /** The split the threshold is fitted on. */
    public static final String SPLIT = "val";

    private static final String RULE =
            "confident iff kappa >= kappa_threshold (float32 kappa = |z|)";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param fit a threshold fitted on float32 κ values
     * @return its file form
     */
    static AbstainFile of(AbstainThreshold fit) {
        return new AbstainFile(
                fit.target(),
                (float) fit.threshold(),
                fit.precision(),
                fit.coverage(),
                fit.accepted(),
                fit.total());
    }

    /**
     * @return the stored rule, with its val figures
     */
    public AbstainThreshold rule() {
        return new AbstainThreshold(
                targetPrecision, kappaThreshold, valRecallAt1, valAnswered, valQueries);
    }

    /**
     * @param kappa an image's κ as written by {@code pdml embed}
     * @return whether it is confident
     */
    public boolean confident(float kappa) {
        return kappa >= kappaThreshold;
    }

    /**
     * Writes {@code <modelDir>/abstain.json} atomically.
     *
     * @param modelDir the model folder
     * @throws IOException if writing fails
     */
    public void write(Path modelDir) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("target_precision", targetPrecision)
                .put("kappa_threshold", kappaThreshold)
                .put("split", SPLIT)
                .put("val_recall_at_1", valRecallAt1)
                .put("val_coverage", valCoverage)
                .put("val_answered", valAnswered)
                .put("val_queries", valQueries)
                .put("rule", RULE);
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        AtomicFiles.write(modelDir.resolve(NAME), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param modelDir a model folder
     * @return its threshold, or empty if it has no {@code abstain.json}
     * @throws IOException if the file exists but cannot be read or lacks a field
     */
    public static Optional<AbstainFile> read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode o = JSON.readTree(file.toFile());
        return Optional.of(
                new AbstainFile(
                        number(o, "target_precision", file),
                        (float) number(o, "kappa_threshold", file),
                        number(o, "val_recall_at_1", file),
                        number(o, "val_coverage", file),
                        (int) number(o, "val_answered", file),
                        (int) number(o, "val_queries", file)));
    }

    private static double number(JsonNode o, String field, Path file) throws IOException {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new IOException(file + ": field '" + field + "' is missing or not a number");
        }
        return v.doubleValue();
    }
}
