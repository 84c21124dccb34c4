package org.pdml.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.artifacts.AtomicFiles;

/**
 * What a finished {@code pdml run --run-info FILE} leaves for the scripts that schedule it ({@code
 * pipelines/local/retrain.sh}, the Argo template): one JSON object, written atomically once the run
 * has finished, so a reader sees the complete file of the last finished run or none.
 *
 * <pre>
 * {"format": "pdml.run-info/v1",
 *  "run_folder": "&lt;absolute path of the run folder&gt;",
 *  "mlflow_run_id": "&lt;parent run id&gt;" | null,      (null when tracking is off)
 *  "metrics": {"recall_at_1": 0.5, ...}}             (MLflow names; null for NaN or infinite)
 * </pre>
 *
 * <p>Why: scripts used to guess the run folder with {@code find}, which also matched {@code
 * stages/<stage>}; the metric names are those {@code pdml promote --metric} compares.
 *
 * @param runFolder the run folder
 * @param mlflowRunId the MLflow parent run's id, or empty when the run was not tracked
 * @param metrics the final metrics under their MLflow names; non-finite values are absent on read
 */
public record RunInfo(
        Path runFolder, Optional<String> mlflowRunId, SortedMap<String, Double> metrics) {
    /** The value of the {@code format} field. */
    public static final String FORMAT = "pdml.run-info/v1";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the metrics, sorted. */
    public RunInfo {
        metrics = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    }

    /**
     * Writes the file atomically ({@link AtomicFiles}), creating its folder.
     *
     * @param file the file to create or replace
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("run_folder", runFolder.toAbsolutePath().normalize().toString());
        root.put("mlflow_run_id", mlflowRunId.orElse(null));
        ObjectNode m = root.putObject("metrics");
        metrics.forEach((k, v) -> m.put(k, Double.isFinite(v) ? v : null));
        Path parent = file.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @param file the file
     * @return its content
     * @throws IOException if it cannot be read, or is not a {@value #FORMAT} file (named in the
     *     message)
     */
    public static RunInfo read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a " + FORMAT + " file (pdml run --run-info)");
        }
        JsonNode id = root.path("mlflow_run_id");
        SortedMap<String, Double> metrics = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("metrics").properties()) {
            if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().doubleValue());
            }
        }
        return new RunInfo(
                Path.of(root.path("run_folder").asText()),
                id.isTextual() ? Optional.of(id.asText()) : Optional.empty(),
                metrics);
    }
}
