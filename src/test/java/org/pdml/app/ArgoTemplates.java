package org.pdml.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo Workflows definitions under {@code pipelines/argo}: every {@code WorkflowTemplate} and
 * {@code CronWorkflow}, and the bash scripts of the templates with {@code
 * {{workflow.parameters.*}}} replaced by the template's defaults (other placeholders stay).
 */
final class ArgoTemplates {
    /** One step template's script: its name, image, Argo node and the expanded source. */
    record Script(String workflow, String template, String image, JsonNode node, String source) {
        /** Where the script lives, for messages. */
        String where() {
            return "pipelines/argo " + workflow + "/" + template;
        }
    }

    private final List<JsonNode> workflowTemplates = new ArrayList<>();
    private final List<JsonNode> cronWorkflows = new ArrayList<>();

    /**
     * Loads every YAML document under {@code pipelines/argo}.
     *
     * @throws IOException if a file does not parse
     */
    ArgoTemplates() throws IOException {
        for (Path f : RepoFiles.yamlFiles()) {
            if (!f.startsWith(Path.of("pipelines", "argo"))) {
                continue;
            }
            for (JsonNode doc : RepoFiles.yamlDocuments(f)) {
                switch (doc.path("kind").asText()) {
                    case "WorkflowTemplate" -> workflowTemplates.add(doc);
                    case "CronWorkflow" -> cronWorkflows.add(doc);
                    default -> {}
                }
            }
        }
    }

    /** The {@code WorkflowTemplate} documents. */
    List<JsonNode> workflowTemplates() {
        return workflowTemplates;
    }

    /** The {@code CronWorkflow} documents. */
    List<JsonNode> cronWorkflows() {
        return cronWorkflows;
    }

    /**
     * Returns a workflow's declared parameters with their default values.
     *
     * @param workflow a WorkflowTemplate document
     * @return name to default, in declaration order
     */
    static Map<String, String> parameters(JsonNode workflow) {
        Map<String, String> params = new LinkedHashMap<>();
        for (JsonNode p : workflow.path("spec").path("arguments").path("parameters")) {
            params.put(p.path("name").asText(), p.path("value").asText(""));
        }
        return params;
    }

    /**
     * Returns every script template of every WorkflowTemplate, workflow parameters expanded.
     *
     * @return the scripts
     */
    List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (JsonNode wf : workflowTemplates) {
            Map<String, String> params = parameters(wf);
            for (JsonNode t : wf.path("spec").path("templates")) {
                JsonNode script = t.path("script");
                if (script.isMissingNode()) {
                    continue;
                }
                String source = script.path("source").asText();
                for (Map.Entry<String, String> p : params.entrySet()) {
                    source =
                            source.replace(
                                    "{{workflow.parameters." + p.getKey() + "}}", p.getValue());
                }
                scripts.add(
                        new Script(
                                wf.path("metadata").path("name").asText(),
                                t.path("name").asText(),
                                script.path("image").asText(),
                                t,
                                source));
            }
        }
        return scripts;
    }
}
