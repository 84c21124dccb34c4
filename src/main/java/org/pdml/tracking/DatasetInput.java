package org.pdml.tracking;

import java.util.Map;

/**
 * One dataset a run read, as MLflow records it ({@code runs/log-inputs}): the dataset (name,
 * digest, source, schema, profile) and how the run used it (the input tags, among them {@value
 * #CONTEXT_TAG}). MLflow keeps one dataset per experiment, name and digest; so equal data must give
 * an equal digest, and what differs between uses (such as the split evaluated) belongs in the tags.
 *
 * @param name the dataset's name, e.g. {@code cub200}
 * @param digest at most {@value #MAX_DIGEST_LENGTH} characters (MLflow's limit), equal for equal
 *     data
 * @param sourceType where the data lives, e.g. {@code local} or {@code gs}
 * @param source the data's location as JSON, e.g. {@code {"uri": "file:///…"}}
 * @param schema the records' schema as JSON (MLflow's {@code mlflow_colspec} form)
 * @param profile a summary as JSON, e.g. the split counts
 * @param tags the input tags, e.g. {@code mlflow.data.context → training}
 */
public record DatasetInput(
        String name,
        String digest,
        String sourceType,
        String source,
        String schema,
        String profile,
        Map<String, String> tags) {

    /** MLflow's input tag saying how a run used a dataset. */
    public static final String CONTEXT_TAG = "mlflow.data.context";

    /** The context of data a model was trained on. */
    public static final String TRAINING = "training";

    /** The context of data a model was evaluated on. */
    public static final String EVALUATION = "evaluation";

    /** MLflow's longest dataset digest. */
    public static final int MAX_DIGEST_LENGTH = 36;

    /**
     * Checks the limits and copies the tags.
     *
     * @throws IllegalArgumentException if the digest is longer than MLflow allows or a field is
     *     blank
     */
    public DatasetInput {
        if (digest.length() > MAX_DIGEST_LENGTH) {
            throw new IllegalArgumentException(
                    "dataset digest longer than " + MAX_DIGEST_LENGTH + ": " + digest);
        }
        if (name.isBlank() || digest.isBlank() || sourceType.isBlank()) {
            throw new IllegalArgumentException("dataset name, digest and source type are required");
        }
        tags = Map.copyOf(tags);
    }
}
