package org.pdml.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Argo Workflows' own CRD schemas ({@code src/test/resources/argo/<tag>/<Kind>.json}, see the
 * README there for their source), made strict the way a Kubernetes API server with strict field
 * validation treats a structural schema: an object schema that lists {@code properties} and says
 * nothing about other fields accepts no other field.
 *
 * <p>Why the change: a CRD's {@code openAPIV3Schema} leaves {@code additionalProperties} open,
 * because the API server does not validate unknown fields, it prunes them (drops them silently, or
 * refuses them under {@code kubectl apply --validate=strict}). Read as plain JSON Schema it would
 * accept any misspelt key, so this class sets {@code additionalProperties: false} on every object
 * schema that has {@code properties}, no {@code additionalProperties} of its own and no {@code
 * x-kubernetes-preserve-unknown-fields: true} (the schemas that keep unknown fields, like the API
 * server does). Maps ({@code additionalProperties} given) and untyped objects ({@code metadata})
 * stay open. The {@code x-kubernetes-validations} (CEL) rules are not evaluated by a JSON-Schema
 * validator; {@link ArgoSchemaValidationTest} checks the one about template types by hand.
 */
final class ArgoSchemas {
    /** The Argo Workflows releases whose schemas are in the test resources. */
    static final List<String> VERSIONS = List.of("v3.7.18", "v4.1.2");

    /** The kinds whose schemas are there; a manifest of another argoproj.io kind fails. */
    static final List<String> KINDS = List.of("WorkflowTemplate", "CronWorkflow");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private ArgoSchemas() {}

    /**
     * Validates one manifest against one release's schema of its kind.
     *
     * @param version e.g. {@code v4.1.2}
     * @param manifest a parsed manifest; its {@code kind} picks the schema
     * @return the violations, each as "instance path: message"; empty when valid
     * @throws IllegalArgumentException for a kind without a schema here
     */
    static List<String> validate(String version, JsonNode manifest) {
        String kind = manifest.path("kind").asText();
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("no Argo schema for kind '" + kind + "'");
        }
        Schema schema = CACHE.computeIfAbsent(version + "/" + kind, ArgoSchemas::load);
        return schema.validate(manifest).stream().map(Error::toString).toList();
    }

    private static Schema load(String versionAndKind) {
        String resource = "/argo/" + versionAndKind + ".json";
        try (InputStream in = ArgoSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode schema = JSON.readTree(in);
            forbidUnknownFields(schema);
            return REGISTRY.getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /**
     * Sets {@code additionalProperties: false} on every closed object schema in the tree (see the
     * class comment), walking the schema keywords that hold sub-schemas.
     *
     * @param schema a schema node; changed in place
     */
    static void forbidUnknownFields(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        boolean keepsUnknown = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (o.has("properties") && !o.has("additionalProperties") && !keepsUnknown) {
            o.put("additionalProperties", false);
        }
        o.path("properties").forEach(ArgoSchemas::forbidUnknownFields);
        forbidUnknownFields(o.get("items"));
        forbidUnknownFields(o.get("additionalProperties"));
        forbidUnknownFields(o.get("not"));
        for (String list : List.of("anyOf", "allOf", "oneOf")) {
            o.path(list).forEach(ArgoSchemas::forbidUnknownFields);
        }
    }
}
