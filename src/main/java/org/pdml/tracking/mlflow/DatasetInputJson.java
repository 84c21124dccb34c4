package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.SecretRedactor;

/**
 * A {@link DatasetInput} as one entry of the {@code datasets} list of MLflow's REST call {@code
 * runs/log-inputs} (API 2.0): {@code {"dataset": {name, digest, source_type, source, schema,
 * profile}, "tags": [{key, value}, …]}}, with the source and tag values redacted. This text is what
 * the spool journals, so an input logged while the server is away is sent when it returns.
 */
final class DatasetInputJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetInputJson() {}

    /**
     * Writes the entry.
     *
     * @param input the dataset input
     * @param redactor removes secrets (e.g. URI user-info) from the source and the tag values
     * @return compact JSON text
     */
    static String entry(DatasetInput input, SecretRedactor redactor) {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode dataset = entry.putObject("dataset");
        dataset.put("name", input.name());
        dataset.put("digest", input.digest());
        dataset.put("source_type", input.sourceType());
        dataset.put("source", redactor.redact(input.source()));
        dataset.put("schema", input.schema());
        dataset.put("profile", input.profile());
        ArrayNode tags = entry.putArray("tags");
        for (Map.Entry<String, String> t : new TreeMap<>(input.tags()).entrySet()) {
            tags.addObject()
                    .put("key", t.getKey())
                    .put("value", redactor.redactValue(t.getKey(), t.getValue()));
        }
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a dataset input as JSON", e);
        }
    }
}
