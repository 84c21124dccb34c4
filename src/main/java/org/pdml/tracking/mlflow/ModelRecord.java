package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link SpoolRecord.Kind#MODEL} record carries in its value, as JSON: the local model
 * folder, the experiment the logged model goes to, and the root run it is also linked to (absent
 * when the model's run is the root).
 *
 * @param dir the MLflow Model folder (absolute)
 * @param experimentId the experiment of the model's run
 * @param rootRunId the root run's server id (a root run is created at once, never spooled), or
 *     empty
 */
record ModelRecord(Path dir, String experimentId, Optional<String> rootRunId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The record's value.
     *
     * @return {@code {"dir", "experiment_id"[, "root_run_id"]}}
     */
    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("dir", dir.toString());
        n.put("experiment_id", experimentId);
        rootRunId.ifPresent(id -> n.put("root_run_id", id));
        return n.toString();
    }

    /**
     * Reads a record's value.
     *
     * @param json what {@link #toJson} wrote
     * @return the payload
     * @throws IllegalStateException naming the problem when the value is not such JSON
     */
    static ModelRecord fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (!n.hasNonNull("dir") || !n.hasNonNull("experiment_id")) {
                throw new IllegalStateException("MODEL record lacks dir or experiment_id: " + json);
            }
            return new ModelRecord(
                    Path.of(n.get("dir").asText()),
                    n.get("experiment_id").asText(),
                    Optional.ofNullable(n.get("root_run_id")).map(JsonNode::asText));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("MODEL record value is not JSON: " + json, e);
        }
    }
}
