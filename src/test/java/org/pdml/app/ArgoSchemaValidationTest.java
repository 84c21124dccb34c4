package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every Argo manifest in the repository ({@code apiVersion: argoproj.io/…} under {@code pipelines/}
 * and {@code infra/}, multi-document YAML included) validates against the CRD schemas of Argo
 * Workflows 3.7 and 4.x with unknown fields forbidden ({@link ArgoSchemas} says how and why), and
 * misspelt or removed fields are caught: each negative case below edits the real manifest and
 * expects the schema to name the field.
 */
class ArgoSchemaValidationTest {
    static final List<String> VERSIONS = ArgoSchemas.VERSIONS;

    /** The template types of Argo's CEL rule "template must have at most one template type". */
    private static final List<String> TEMPLATE_TYPES =
            List.of(
                    "container",
                    "script",
                    "dag",
                    "steps",
                    "resource",
                    "suspend",
                    "containerSet",
                    "data",
                    "http",
                    "plugin");

    /** Every argoproj.io document in the deployment folders, with its file. */
    static List<Manifest> manifests() throws IOException {
        List<Manifest> all = new ArrayList<>();
        for (Path f : RepoFiles.yamlFiles()) {
            for (JsonNode doc : RepoFiles.yamlDocuments(f)) {
                if (doc.path("apiVersion").asText().startsWith("argoproj.io/")) {
                    all.add(new Manifest(f, doc));
                }
            }
        }
        return all;
    }

    /** One manifest and where it came from. */
    record Manifest(Path file, JsonNode doc) {
        String where() {
            return file + " " + doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText();
        }
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void everyArgoManifestValidatesWithUnknownFieldsForbidden(String version) throws IOException {
        List<Manifest> all = manifests();
        Set<String> kinds = new TreeSet<>();
        for (Manifest m : all) {
            assertThat(ArgoSchemas.validate(version, m.doc()))
                    .as(m.where() + " against Argo " + version)
                    .isEmpty();
            kinds.add(m.doc().path("kind").asText());
        }
        assertThat(kinds).containsExactlyInAnyOrder("WorkflowTemplate", "CronWorkflow");
    }

    /** Argo's CEL rule, which no JSON-Schema validator evaluates; Argo needs exactly one type. */
    @Test
    void everyTemplateHasExactlyOneTemplateType() throws IOException {
        int templates = 0;
        for (Manifest m : manifests()) {
            JsonNode spec = m.doc().path("spec");
            JsonNode workflow = spec.has("workflowSpec") ? spec.path("workflowSpec") : spec;
            for (JsonNode t : workflow.path("templates")) {
                List<String> types = TEMPLATE_TYPES.stream().filter(t::has).toList();
                assertThat(types).as(m.where() + " template " + t.path("name")).hasSize(1);
                templates++;
            }
        }
        assertThat(templates).isGreaterThanOrEqualTo(5);
    }

    @Test
    void argo4RefusesTheRemovedScheduleFieldThatArgo37StillTakes() throws IOException {
        JsonNode old =
                editedCron(
                        spec -> {
                            spec.put("schedule", spec.path("schedules").get(0).asText());
                            spec.remove("schedules");
                        });
        assertThat(ArgoSchemas.validate("v4.1.2", old))
                .containsExactlyInAnyOrder(
                        "/spec: property 'schedule' is not defined in the schema and the schema"
                                + " does not allow additional properties",
                        "/spec: required property 'schedules' not found");
        assertThat(ArgoSchemas.validate("v3.7.18", old)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void aScheduleGivenAsOneStringIsRefused(String version) throws IOException {
        JsonNode bad = editedCron(spec -> spec.put("schedules", "0 3 * * 1"));
        assertThat(ArgoSchemas.validate(version, bad))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("/spec/schedules"));
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void aMisspeltTemplateFieldIsRefused(String version) throws IOException {
        JsonNode bad =
                editedTemplate(
                        "train-and-evaluate", t -> t.set("nodeSelektor", t.remove("nodeSelector")));
        assertThat(ArgoSchemas.validate(version, bad))
                .singleElement()
                .asString()
                .contains("/spec/templates/")
                .contains("nodeSelektor");
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void aMisspeltResourcesKeyAndABadQuantityAreRefused(String version) throws IOException {
        JsonNode misspelt =
                editedTemplate(
                        "train-and-evaluate",
                        t -> {
                            ObjectNode r = (ObjectNode) t.path("script").path("resources");
                            r.set("request", r.remove("requests"));
                        });
        assertThat(ArgoSchemas.validate(version, misspelt))
                .singleElement()
                .asString()
                .contains("request");
        JsonNode gigabytes =
                editedTemplate(
                        "train-and-evaluate",
                        t -> ((ObjectNode) t.at("/script/resources/limits")).put("memory", "24GB"));
        assertThat(ArgoSchemas.validate(version, gigabytes))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e).contains("/script/resources/limits/memory"));
    }

    @ParameterizedTest
    @FieldSource("VERSIONS")
    void anUnknownVolumeAttributeKeyIsRefusedButTheCsiAttributesStayAMap(String version)
            throws IOException {
        JsonNode bad =
                edited(
                        "WorkflowTemplate",
                        spec -> {
                            ObjectNode csi = (ObjectNode) spec.at("/volumes/0/csi");
                            csi.put("mountOption", "implicit-dirs");
                            ((ObjectNode) csi.path("volumeAttributes")).put("anyKey", "x");
                        });
        assertThat(ArgoSchemas.validate(version, bad))
                .singleElement()
                .asString()
                .contains("mountOption");
    }

    /**
     * The strictness is this test's, not the CRD's: closed object schemas get {@code
     * additionalProperties: false}; maps and schemas that keep unknown fields stay open.
     */
    @Test
    void onlyObjectSchemasWithPropertiesAndNoOpinionAreClosed() throws IOException {
        JsonNode schema =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                """
                                {"type": "object", "properties": {
                                  "spec": {"type": "object", "properties": {"a": {"type": "string"}}},
                                  "labels": {"type": "object", "additionalProperties": {
                                    "type": "object", "properties": {"b": {"type": "string"}}}},
                                  "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                                    "properties": {"c": {"type": "string"}}},
                                  "list": {"type": "array", "items": {"anyOf": [
                                    {"type": "object", "properties": {"d": {"type": "string"}}}]}},
                                  "metadata": {"type": "object"}}}
                                """);
        ArgoSchemas.forbidUnknownFields(schema);
        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/spec/additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.at("/properties/labels/additionalProperties").isObject()).isTrue();
        assertThat(
                        schema.at("/properties/labels/additionalProperties/additionalProperties")
                                .asBoolean(true))
                .as("a map's value schema is closed too")
                .isFalse();
        assertThat(schema.at("/properties/free").has("additionalProperties")).isFalse();
        assertThat(schema.at("/properties/list/items/anyOf/0/additionalProperties").asBoolean(true))
                .isFalse();
        assertThat(schema.at("/properties/metadata").has("additionalProperties")).isFalse();
    }

    @Test
    void aKindWithoutASchemaIsRefused() throws IOException {
        ObjectNode workflow = (ObjectNode) manifest("WorkflowTemplate").deepCopy();
        workflow.put("kind", "Workflw");
        try {
            ArgoSchemas.validate("v4.1.2", workflow);
            throw new AssertionError("validated a kind without a schema");
        } catch (IllegalArgumentException expected) {
            assertThat(expected).hasMessageContaining("Workflw");
        }
    }

    private static JsonNode editedCron(Consumer<ObjectNode> spec) throws IOException {
        return edited("CronWorkflow", spec);
    }

    private static JsonNode editedTemplate(String name, Consumer<ObjectNode> template)
            throws IOException {
        return edited(
                "WorkflowTemplate",
                spec -> {
                    for (JsonNode t : spec.path("templates")) {
                        if (t.path("name").asText().equals(name)) {
                            template.accept((ObjectNode) t);
                            return;
                        }
                    }
                    throw new AssertionError("no template " + name);
                });
    }

    /** A copy of the repository's one manifest of a kind, its spec edited. */
    private static JsonNode edited(String kind, Consumer<ObjectNode> spec) throws IOException {
        JsonNode copy = manifest(kind).deepCopy();
        assertThat(ArgoSchemas.validate("v4.1.2", copy)).as("valid before the edit").isEmpty();
        spec.accept((ObjectNode) copy.path("spec"));
        return copy;
    }

    private static JsonNode manifest(String kind) throws IOException {
        List<JsonNode> found =
                manifests().stream()
                        .map(Manifest::doc)
                        .filter(d -> d.path("kind").asText().equals(kind))
                        .toList();
        assertThat(found).as("one " + kind + " in the repository").hasSize(1);
        return found.get(0);
    }
}
