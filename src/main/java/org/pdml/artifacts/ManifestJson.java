package org.pdml.artifacts;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Protobuf JSON for manifests: printed with every field (defaults included) so that files are
 * self-describing; parsed ignoring unknown fields so that older readers accept manifests from newer
 * writers (proto changes are additive only).
 */
public final class ManifestJson {

    private ManifestJson() {}

    /**
     * Prints a message as JSON.
     *
     * @param message the manifest
     * @return pretty-printed JSON, field names in lowerCamelCase, ending with a newline
     */
    public static String print(Message message) {
        try {
            return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(message) + "\n";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("manifests hold no Any fields", e);
        }
    }

    /**
     * Merges JSON into a builder.
     *
     * @param json the JSON text
     * @param into the builder to fill
     * @param <B> the builder type
     * @return {@code into}
     * @throws InvalidProtocolBufferException if the JSON is malformed or has wrong types
     */
    public static <B extends Message.Builder> B parse(String json, B into)
            throws InvalidProtocolBufferException {
        JsonFormat.parser().ignoringUnknownFields().merge(json, into);
        return into;
    }
}
