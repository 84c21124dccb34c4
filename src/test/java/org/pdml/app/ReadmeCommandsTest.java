package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pdml.app.PdmlInvocations.Invocation;

/**
 * Every {@code pdml} command shown in README.md and docs/*.md (code blocks and inline code): its
 * subcommand and options exist in the CLI; the cheap ones (help, {@code config show|help}, {@code
 * --dry-run}, {@code --version}) are executed in-process and their output checked; every other one
 * must be listed in {@link #COVERED_BY} with the tests that run its subcommand, and those tests
 * must exist.
 */
class ReadmeCommandsTest {
    /**
     * Subcommands too heavy (or long-running) to execute here, and the tests that run them. A new
     * README command outside this table and not cheap fails {@link #everyOtherCommandIsCovered}.
     */
    static final Map<String, List<String>> COVERED_BY =
            Map.ofEntries(
                    Map.entry(
                            "run",
                            List.of(
                                    "app/RunCommandTest",
                                    "app/RunTrackingIT",
                                    "app/StageCachingIT",
                                    "app/QuickstartIT")),
                    Map.entry("embed", List.of("app/EmbedCommandTest", "app/AbstainCommandTest")),
                    Map.entry(
                            "preprocess",
                            List.of(
                                    "app/PreprocessCommandTest",
                                    "app/FingerprintCommandTest",
                                    "app/PackagedDataflowIT",
                                    "preprocess/datasets/EmojiVendorsIT")),
                    Map.entry("fingerprint", List.of("app/FingerprintCommandTest")),
                    Map.entry("sweep", List.of("app/SweepIT", "pipeline/SweepPlanTest")),
                    Map.entry("engine", List.of("app/EngineCommandTest", "app/PackagedImagesIT")),
                    Map.entry("inspect", List.of("app/InspectCommandTest")),
                    Map.entry("prune", List.of("app/PruneCommandTest", "app/StageCachingIT")),
                    Map.entry("train", List.of("app/TrainCommandTest", "app/PipLibtorchIT")),
                    Map.entry(
                            "evaluate", List.of("app/TrainCommandTest", "app/AbstainCommandTest")),
                    Map.entry("metrics", List.of("app/MetricsCommandTest")),
                    Map.entry("tracking flush", List.of("app/TrackingCliTest")),
                    Map.entry(
                            "promote",
                            List.of("app/TrackingCliTest", "tracking/mlflow/ModelPromoterIT")),
                    Map.entry("mlflow ui", List.of("app/TrackingCliTest")),
                    Map.entry("config show", List.of("app/ConfigCommandTest")),
                    Map.entry("config help", List.of("app/ConfigCommandTest")));

    private static final Set<String> HELP_FLAGS = Set.of("--help", "-h", "--version", "-V");

    private static List<Invocation> readmeCommands() {
        List<Invocation> all = new ArrayList<>();
        for (Path doc : RepoFiles.userDocs()) {
            all.addAll(PdmlInvocations.fromMarkdown(RepoFiles.read(doc), doc.toString(), true));
        }
        return all;
    }

    /** A command is cheap when it only prints: help, version, config show/help, a dry run. */
    static boolean cheap(List<String> tokens) {
        String path = String.join(" ", CliModelCheck.subcommandPath(tokens));
        boolean printsOnly =
                tokens.stream().anyMatch(HELP_FLAGS::contains)
                        || tokens.contains("--dry-run")
                        || Set.of("config show", "config help", "help").contains(path);
        return printsOnly && tokens.stream().noneMatch(ReadmeCommandsTest::placeholder);
    }

    private static boolean placeholder(String t) {
        return t.startsWith("[") || t.contains("…") || t.contains("|") || t.contains("<");
    }

    private static Cli.Result pdml(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void everyReadmeCommandNamesExistingSubcommandsAndOptions() {
        List<Invocation> commands = readmeCommands();
        assertThat(commands).hasSizeGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Invocation inv : commands) {
            CliModelCheck.problems(inv.tokens()).forEach(p -> problems.add(inv + "\n    " + p));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheapCommandsRunAndPrintWhatTheyPromise() throws Exception {
        int executed = 0;
        for (Invocation inv : readmeCommands()) {
            if (!cheap(inv.tokens()) && !inv.tokens().equals(List.of("<command>", "--help"))) {
                continue;
            }
            for (List<String> args : expand(inv.tokens())) {
                Cli.Result r = pdml(args);
                assertThat(r.status()).as(inv + "\n" + r.err()).isZero();
                assertThat(r.out()).as(inv.toString()).isNotBlank();
                checkOutput(args, r.out());
                executed++;
            }
        }
        assertThat(executed).as("README commands executed").isGreaterThanOrEqualTo(4);
    }

    /** {@code <command> --help} stands for every subcommand's help. */
    private static List<List<String>> expand(List<String> tokens) {
        if (!tokens.isEmpty() && tokens.get(0).equals("<command>")) {
            List<List<String>> all = new ArrayList<>();
            for (String sub : Main.commandLine().getSubcommands().keySet()) {
                List<String> args = new ArrayList<>(tokens);
                args.set(0, sub);
                all.add(args);
            }
            return all;
        }
        return List.of(tokens);
    }

    /** Independent checks of the printed text: usage, a hash, or the overridden values. */
    private static void checkOutput(List<String> args, String out) throws Exception {
        if (args.contains("--help")) {
            assertThat(out).contains("Usage:");
        } else if (args.contains("--hash")) {
            assertThat(out.strip()).matches("[0-9a-f]{64}");
        } else if (args.size() > 1 && args.get(0).equals("config") && args.get(1).equals("show")) {
            JsonNode shown = new YAMLMapper().readTree(out);
            for (String a : args.subList(2, args.size())) {
                if (!a.startsWith("-") && a.contains("=") && !a.endsWith(".yaml")) {
                    String key = a.substring(0, a.indexOf('='));
                    JsonNode expected = new YAMLMapper().readTree(a.substring(a.indexOf('=') + 1));
                    JsonNode actual = shown.at("/" + key.replace('.', '/'));
                    if (expected.isContainerNode()) {
                        assertThat(actual.toString()).as(key).isEqualTo(expected.toString());
                    } else {
                        assertThat(actual.asText()).as(key).isEqualTo(expected.asText());
                    }
                }
            }
        }
    }

    @Test
    void everyOtherCommandIsCoveredByATestThatExists() {
        List<String> uncovered = new ArrayList<>();
        for (Invocation inv : readmeCommands()) {
            if (cheap(inv.tokens()) || inv.tokens().get(0).startsWith("<")) {
                continue;
            }
            String path = String.join(" ", CliModelCheck.subcommandPath(inv.tokens()));
            List<String> tests = COVERED_BY.get(path);
            if (tests == null) {
                uncovered.add(inv.toString());
                continue;
            }
            for (String t : tests) {
                assertThat(Path.of("src/test/java/org/pdml/" + t + ".java"))
                        .as("test covering " + inv)
                        .satisfies(p -> assertThat(Files.exists(p)).isTrue());
            }
        }
        assertThat(uncovered).as("README commands neither executed here nor covered").isEmpty();
    }
}
