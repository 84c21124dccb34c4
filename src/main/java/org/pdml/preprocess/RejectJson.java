package org.pdml.preprocess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pdml.preprocess.image.RejectReason;

/** The JSON line form of a {@link Reject}: {@code {"path","id","reason","message"}}. */
public final class RejectJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RejectJson() {}

    /**
     * Serializes a reject as one line of JSON (no trailing newline).
     *
     * @param r the reject
     * @return the JSON object text
     */
    public static String toLine(Reject r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("path", r.path());
        node.put("id", r.id());
        node.put("reason", r.reason().name());
        node.put("message", r.message());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * Parses one line.
     *
     * @param line a line written by {@link #toLine}
     * @return the reject
     * @throws IllegalArgumentException naming the line if it is not a reject object
     */
    public static Reject parse(String line) {
        try {
            JsonNode n = MAPPER.readTree(line);
            return new Reject(
                    n.get("path").asText(),
                    n.get("id").asText(),
                    RejectReason.valueOf(n.get("reason").asText()),
                    n.get("message").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a rejects.jsonl line: " + line, e);
        }
    }
}
