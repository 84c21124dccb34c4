package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pdml.app.PdmlInvocations.Invocation;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;

/**
 * The scheduled-retraining workflows ({@code pipelines/}) and cloud manifests ({@code infra/})
 * cannot run here, so this checks what can go stale: every YAML parses, every {@code pdml}
 * subcommand and option they name exists in the CLI, every config they name exists and validates
 * with the overrides they pass, image names agree with the Dockerfiles, the GPU step asks for a
 * GPU, and every bash script passes {@code bash -n}.
 */
class WorkflowConsistencyTest {
    private static final Pattern CONFIG_PATH = Pattern.compile("configs/[\\w./-]+\\.ya?ml");
    static final Pattern OVERRIDE = Pattern.compile("([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)*)=(.*)");
    private static final List<String> LAYER_KEYS =
            List.of("name=layer", "seed=0", "model.embedding_dim=8", "train.epochs=1");
    private static final Pattern PDML_IMAGE = Pattern.compile("([\\w./-]*/)?pdml:([\\w.-]+)");

    /** Every pdml command line in the workflows, scripts and docs under pipelines/ and infra/. */
    static List<Invocation> deploymentInvocations() throws IOException {
        List<Invocation> all = new ArrayList<>();
        for (ArgoTemplates.Script s : new ArgoTemplates().scripts()) {
            all.addAll(PdmlInvocations.fromShell(s.source(), s.where()));
        }
        for (Path sh : RepoFiles.deployment(n -> n.endsWith(".sh"))) {
            all.addAll(PdmlInvocations.fromShell(RepoFiles.read(sh), sh.toString()));
        }
        for (Path md : RepoFiles.deployment(n -> n.endsWith(".md"))) {
            all.addAll(PdmlInvocations.fromMarkdown(RepoFiles.read(md), md.toString(), true));
        }
        return all;
    }

    @Test
    void everyYamlDocumentParsesAsAKubernetesObject() throws IOException {
        List<Path> files = RepoFiles.yamlFiles();
        assertThat(files)
                .contains(Path.of("pipelines/argo/retrain-template.yaml"))
                .contains(Path.of("infra/k8s/mlflow/mlflow.yaml"));
        for (Path f : files) {
            List<JsonNode> docs = RepoFiles.yamlDocuments(f);
            assertThat(docs).as(f.toString()).isNotEmpty();
            for (JsonNode d : docs) {
                assertThat(d.path("apiVersion").asText()).as(f + " apiVersion").isNotBlank();
                assertThat(d.path("kind").asText()).as(f + " kind").isNotBlank();
                assertThat(d.path("metadata").path("name").asText()).as(f + " name").isNotBlank();
            }
        }
    }

    @Test
    void everyPdmlCommandAndOptionExistsInTheCli() throws IOException {
        List<Invocation> all = deploymentInvocations();
        List<String> problems = new ArrayList<>();
        for (Invocation inv : all) {
            CliModelCheck.problems(inv.tokens()).forEach(p -> problems.add(inv + "\n    " + p));
        }
        assertThat(problems).isEmpty();
        assertThat(all).extracting(Invocation::where).anyMatch(w -> w.contains("retrain.sh"));
        // The runbook's Dataflow command (after PDML_PROFILE=dataflow) and its training command.
        assertThat(
                        all.stream()
                                .filter(i -> i.where().startsWith("infra/gcp/README.md"))
                                .map(i -> CliModelCheck.subcommandPath(i.tokens())))
                .contains(List.of("preprocess"), List.of("run"));
    }

    @Test
    void argoAndCronScriptCallTheSameSubcommands() throws IOException {
        Set<List<String>> argo = new TreeSet<>(WorkflowConsistencyTest::compare);
        for (ArgoTemplates.Script s : new ArgoTemplates().scripts()) {
            PdmlInvocations.fromShell(s.source(), s.where()).stream()
                    .map(i -> CliModelCheck.subcommandPath(i.tokens()))
                    .forEach(argo::add);
        }
        Set<List<String>> local = new TreeSet<>(WorkflowConsistencyTest::compare);
        PdmlInvocations.fromShell(
                        RepoFiles.read(Path.of("pipelines/local/retrain.sh")), "retrain.sh")
                .stream()
                .map(i -> CliModelCheck.subcommandPath(i.tokens()))
                .forEach(local::add);
        assertThat(local).isEqualTo(argo);
        assertThat(argo)
                .contains(
                        List.of("fingerprint"),
                        List.of("preprocess"),
                        List.of("run"),
                        List.of("promote"));
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join(" ", a).compareTo(String.join(" ", b));
    }

    @Test
    void everyReferencedConfigExistsAndValidatesWithItsOverrides() throws IOException {
        Set<String> named = new TreeSet<>();
        List<Path> texts = new ArrayList<>(RepoFiles.deployment(n -> true));
        texts.addAll(RepoFiles.userDocs());
        for (Path f : texts) {
            Matcher m = CONFIG_PATH.matcher(RepoFiles.read(f));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).isNotEmpty();
        for (String c : named) {
            assertThat(Path.of(c))
                    .as("config named in pipelines/, infra/, README or docs/")
                    .exists();
            // Dataset sections are layers; they validate once completed like ShippedConfigsTest.
            boolean layer = c.startsWith("configs/datasets/");
            ConfigLoader.load(Path.of(c), layer ? LAYER_KEYS : List.of());
        }
        int checked = 0;
        for (Invocation inv : deploymentInvocations()) {
            int at = inv.tokens().indexOf("--config");
            if (at >= 0 && CONFIG_PATH.matcher(inv.tokens().get(at + 1)).matches()) {
                loadWithOverrides(Path.of(inv.tokens().get(at + 1)), inv.tokens());
                checked++;
            }
        }
        assertThat(checked).as("Argo commands with a literal --config").isGreaterThan(0);
    }

    /** Loads a config with a command's key=value overrides; placeholder values keep the default. */
    private static void loadWithOverrides(Path config, List<String> tokens) {
        Map<String, String> defaults = ConfigLoader.load(config, List.of()).flatten();
        List<String> overrides = new ArrayList<>();
        for (String t : tokens) {
            Matcher m = OVERRIDE.matcher(t);
            if (!t.startsWith("-") && m.matches()) {
                String value = m.group(2);
                if (value.contains("$") || value.contains("{{")) {
                    value = defaults.getOrDefault(m.group(1), "x");
                }
                overrides.add(m.group(1) + "=" + value);
            }
        }
        ResolvedConfig resolved = ConfigLoader.load(config, overrides);
        assertThat(resolved.config()).isNotNull();
    }

    /** A repository path in prose or a command: not part of a longer path such as /tmp/x/… */
    private static final Pattern REPO_PATH =
            Pattern.compile(
                    "(?<![\\w./$-])(?:infra|pipelines|configs|docs|src|bench)/[\\w./-]*\\w");

    @Test
    void everyRepositoryPathTheDeploymentDocsNameExists() {
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Path md : RepoFiles.deployment(n -> n.endsWith(".md"))) {
            Matcher m = REPO_PATH.matcher(RepoFiles.read(md));
            while (m.find()) {
                named++;
                if (!Files.exists(Path.of(m.group()))) {
                    missing.add(md + ": " + m.group());
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(named).isGreaterThan(20);
    }

    @Test
    void imageNamesAgreeWithTheDockerfiles() throws IOException {
        Set<String> built = new TreeSet<>();
        for (DockerfileSpec d : DockerImagesTest.dockerfiles()) {
            d.builds().forEach(b -> built.add(b.tag().substring("pdml:".length())));
        }
        assertThat(built).containsExactlyInAnyOrder("cpu", "cpu-dataflow", "cuda", "mlflow");
        Set<String> prefixes = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (Path f : RepoFiles.deployment(n -> !n.startsWith("Dockerfile."))) {
            Matcher m = PDML_IMAGE.matcher(RepoFiles.read(f));
            while (m.find()) {
                assertThat(built).as(f + " names image " + m.group()).contains(m.group(2));
                if (m.group(1) != null) {
                    prefixes.add(m.group(1));
                }
                used.add(m.group(2));
            }
        }
        assertThat(prefixes).as("one image repository everywhere").containsExactly("IMAGE_REPO/");
        assertThat(used).as("every built image is used").isEqualTo(built);
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode wf : new ArgoTemplates().workflowTemplates()) {
            RepoFiles.collect(wf, "image", images);
        }
        assertThat(images)
                .extracting(JsonNode::asText)
                .allMatch(i -> PDML_IMAGE.matcher(i).matches());
    }

    @Test
    void onlyTheTrainingStepRunsOnAGpuNodeWithTheCudaImage() throws IOException {
        int gpuSteps = 0;
        for (ArgoTemplates.Script s : new ArgoTemplates().scripts()) {
            boolean trains =
                    PdmlInvocations.fromShell(s.source(), s.where()).stream()
                            .anyMatch(
                                    i ->
                                            CliModelCheck.subcommandPath(i.tokens())
                                                    .equals(List.of("run")));
            JsonNode limits = s.node().path("script").path("resources").path("limits");
            boolean gpu = limits.has("nvidia.com/gpu");
            assertThat(gpu)
                    .as(s.where() + " asks for a GPU exactly when it trains")
                    .isEqualTo(trains);
            if (trains) {
                gpuSteps++;
                assertThat(limits.path("nvidia.com/gpu").asInt()).isEqualTo(1);
                assertThat(s.image()).endsWith("pdml:cuda");
                assertThat(s.node().path("nodeSelector").size()).isPositive();
                assertThat(s.node().path("tolerations").findValuesAsText("key"))
                        .contains("nvidia.com/gpu");
            } else {
                assertThat(s.image()).endsWith("pdml:cpu");
            }
        }
        assertThat(gpuSteps).isEqualTo(1);
    }

    @Test
    void theCronWorkflowRunsTheTemplateWeekly() throws IOException {
        ArgoTemplates argo = new ArgoTemplates();
        assertThat(argo.cronWorkflows()).hasSize(1);
        JsonNode cron = argo.cronWorkflows().get(0).path("spec");
        // Argo 4 removed the single `schedule`; `schedules` (a list) exists since Argo 3.6.
        assertThat(cron.has("schedule")).as("schedule: is gone in Argo 4").isFalse();
        assertThat(cron.path("schedules").isArray()).as("schedules: a list").isTrue();
        assertThat(cron.path("schedules")).hasSize(1);
        String[] fields = cron.path("schedules").get(0).asText().split("\\s+");
        assertThat(fields).hasSize(5);
        assertThat(fields[2]).as("any day of month").isEqualTo("*");
        assertThat(fields[4]).as("one day of the week").matches("[0-6]");
        assertThat(cron.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        String ref = cron.path("workflowSpec").path("workflowTemplateRef").path("name").asText();
        JsonNode template =
                argo.workflowTemplates().stream()
                        .filter(w -> w.path("metadata").path("name").asText().equals(ref))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no WorkflowTemplate " + ref));
        Set<String> declared = ArgoTemplates.parameters(template).keySet();
        for (JsonNode p : cron.path("workflowSpec").path("arguments").path("parameters")) {
            assertThat(declared).contains(p.path("name").asText());
        }
    }

    /**
     * Both schedules name the run by {@code pdml run --run-info} (a {@code find} under the runs
     * root once returned {@code stages/train}), reuse one runs root per config and prune it.
     */
    @Test
    void bothSchedulesReadTheRunInfoAndPruneOneRunsRootPerConfig() throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(RepoFiles.read(Path.of("pipelines/local/retrain.sh")));
        StringBuilder argo = new StringBuilder();
        new ArgoTemplates().scripts().forEach(s -> argo.append(s.source()).append('\n'));
        texts.add(argo.toString());
        for (String text : texts) {
            assertThat(text)
                    .doesNotContain("find \"$runs\"")
                    .doesNotContain("mlflow-run-id")
                    .doesNotContain("workflow.name}}\"")
                    .contains("--run-info")
                    .contains("promote --run-info")
                    .contains("prune --runs-root")
                    .containsPattern("/runs/\\$name\"");
        }
    }

    @Test
    void everyBashScriptPassesBashN(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        List<Path> scripts = new ArrayList<>(RepoFiles.shellScripts());
        for (ArgoTemplates.Script s : new ArgoTemplates().scripts()) {
            Path f = tmp.resolve(s.workflow() + "-" + s.template() + ".sh");
            Files.writeString(f, s.source());
            scripts.add(f);
        }
        for (Path script : scripts) {
            Process p =
                    new ProcessBuilder("bash", "-n", script.toString())
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(script + ": " + out).isZero();
        }
        assertThat(Files.isExecutable(Path.of("pipelines/local/retrain.sh"))).isTrue();
    }

    @Test
    void serviceAccountsAndTheTrackingServiceTheWorkflowsUseAreDefined() throws IOException {
        Set<String> accounts = new TreeSet<>();
        Set<String> services = new TreeSet<>();
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : RepoFiles.yamlFiles()) {
            docs.addAll(RepoFiles.yamlDocuments(f));
        }
        for (JsonNode d : docs) {
            String ns = d.path("metadata").path("namespace").asText();
            String name = d.path("metadata").path("name").asText();
            switch (d.path("kind").asText()) {
                case "ServiceAccount" -> accounts.add(ns + "/" + name);
                case "Service" ->
                        d.path("spec")
                                .path("ports")
                                .forEach(
                                        p ->
                                                services.add(
                                                        name
                                                                + "."
                                                                + ns
                                                                + ".svc:"
                                                                + p.path("port").asInt()));
                default -> {}
            }
        }
        int uses = 0;
        for (JsonNode d : docs) {
            String ns = d.path("metadata").path("namespace").asText();
            List<JsonNode> used = new ArrayList<>();
            RepoFiles.collect(d, "serviceAccountName", used);
            for (JsonNode sa : used) {
                assertThat(accounts).contains(ns + "/" + sa.asText());
                uses++;
            }
            List<JsonNode> env = new ArrayList<>();
            RepoFiles.collect(d, "env", env);
            for (JsonNode list : env) {
                for (JsonNode e : list) {
                    if (e.path("name").asText().equals("MLFLOW_TRACKING_URI")) {
                        assertThat(services)
                                .contains(e.path("value").asText().replace("http://", ""));
                        uses++;
                    }
                }
            }
        }
        assertThat(uses).isGreaterThanOrEqualTo(4);
    }
}
