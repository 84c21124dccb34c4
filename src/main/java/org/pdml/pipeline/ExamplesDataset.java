package org.pdml.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.records.ExampleKeys;
import org.pdml.tracking.DatasetInput;
import org.pdml.util.Sha256;

/**
 * An examples folder ({@code manifest.json} plus TFRecord shards from preprocessing) as an MLflow
 * dataset input:
 *
 * <ul>
 *   <li>name: the manifest's dataset ({@code folder}, {@code cub200}, …);
 *   <li>digest: the first {@value #DIGEST_HEX} hex digits of the manifest's SHA-256 (MLflow allows
 *       {@value DatasetInput#MAX_DIGEST_LENGTH} characters; the whole hash is in the profile and in
 *       the tag {@code pdml.manifest.examples}), so the same data gives the same digest in every
 *       run;
 *   <li>source: {@code {"uri": "file:///…/examples"}}, source type {@code local};
 *   <li>schema: the TFRecord features in MLflow's {@code mlflow_colspec} form;
 *   <li>profile: {@code {"sha256", "splits": {name: {"records", "classes"}}, "rejected"}}.
 * </ul>
 *
 * The input tags are {@value DatasetInput#CONTEXT_TAG} and, for an evaluation, {@value #SPLIT_TAG}.
 */
public final class ExamplesDataset {

    /** Input tag naming the split a run read. */
    public static final String SPLIT_TAG = "pdml.split";

    /** Hex digits of the manifest's SHA-256 used as the dataset digest. */
    public static final int DIGEST_HEX = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExamplesDataset() {}

    /**
     * Describes an examples folder as a dataset input.
     *
     * @param examples the local examples folder, holding {@code manifest.json}
     * @param context {@link DatasetInput#TRAINING} or {@link DatasetInput#EVALUATION}
     * @param split the split read, or null when the run reads the folder's training splits
     * @return the input
     * @throws IOException if the manifest cannot be read
     */
    public static DatasetInput input(Path examples, String context, String split)
            throws IOException {
        Path dir = examples.toAbsolutePath().normalize();
        String sha = Sha256.of(dir.resolve(ExamplesArtifact.MANIFEST));
        // Through the one verified reader: a damaged folder is refused with its message before
        // anything about it is logged.
        ExamplesManifest m = VerifiedExamples.open(dir).manifest();
        ObjectNode source = JSON.createObjectNode().put("uri", dir.toUri().toString());
        Map<String, String> tags = new TreeMap<>(Map.of(DatasetInput.CONTEXT_TAG, context));
        if (split != null) {
            tags.put(SPLIT_TAG, split);
        }
        return new DatasetInput(
                m.getDataset().isEmpty() ? "examples" : m.getDataset(),
                sha.substring(0, DIGEST_HEX),
                "local",
                JSON.writeValueAsString(source),
                JSON.writeValueAsString(schema()),
                JSON.writeValueAsString(profile(m, sha)),
                tags);
    }

    /** The TFRecord features of one example, as MLflow column specs. */
    private static ObjectNode schema() {
        ObjectNode schema = JSON.createObjectNode();
        ArrayNode cols = schema.putArray("mlflow_colspec");
        String[][] features = {
            {ExampleKeys.IMAGE_ID, "string"},
            {ExampleKeys.IMAGE_ENCODED, "binary"},
            {ExampleKeys.IMAGE_FORMAT, "string"},
            {ExampleKeys.IMAGE_HEIGHT, "long"},
            {ExampleKeys.IMAGE_WIDTH, "long"},
            {ExampleKeys.CLASS_LABEL, "long"},
            {ExampleKeys.CLASS_TEXT, "string"},
            {ExampleKeys.IMAGE_SOURCE, "string"},
            {ExampleKeys.SPLIT, "string"},
            {ExampleKeys.ROLE, "string"},
        };
        for (String[] f : features) {
            cols.addObject().put("type", f[1]).put("name", f[0]).put("required", true);
        }
        return schema;
    }

    private static ObjectNode profile(ExamplesManifest m, String sha) {
        ObjectNode profile = JSON.createObjectNode().put("sha256", sha);
        ObjectNode splits = profile.putObject("splits");
        for (SplitInfo s : m.getSplitsList()) {
            splits.putObject(s.getName())
                    .put("records", s.getRecordCount())
                    .put("classes", s.getClassCount());
        }
        profile.put("rejected", m.getRejectedCount());
        return profile;
    }
}
