package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.pdml.eval.EvalReportWriter;

/**
 * The README's first command, exactly as written, from the project root through the {@code ./pdml}
 * launcher: it fetches Emoji-Vendors, starts the local MLflow server, preprocesses, trains and
 * evaluates {@code configs/quickstart.yaml}, and prints the metrics, the plots and how to open the
 * MLflow UI. The same command with {@code train.epochs=0} gives the untrained network, which the
 * trained one must beat clearly on the test split. On a fresh clone this is the full quickstart
 * (about 10 minutes on 2 cores); in a used checkout its cached stages are reused, which is the
 * command's documented behaviour too. Both logs stay in {@code target/quickstart-it/}.
 */
class QuickstartIT {
    private static final Path LOGS = Path.of("target", "quickstart-it");
    private static final Duration LIMIT = Duration.ofMinutes(30);

    @Test
    void theReadmeQuickstartRunsEndToEndAndBeatsTheUntrainedNetwork() throws Exception {
        String command = readmeFirstCommand();
        assertThat(command).isEqualTo("./pdml run --config configs/quickstart.yaml");

        Map<String, Double> trained = metricsOf(run(command, "trained"));
        Map<String, Double> untrained = metricsOf(run(command + " train.epochs=0", "untrained"));

        System.out.printf(
                "quickstart test R@1 %.4f (untrained %.4f), MAP@R %.4f (untrained %.4f)%n",
                trained.get("recall@1"),
                untrained.get("recall@1"),
                trained.get("map@r"),
                untrained.get("map@r"));
        assertThat(trained.get("recall@1")).isGreaterThan(untrained.get("recall@1") + 0.02);
        assertThat(trained.get("map@r")).isGreaterThan(untrained.get("map@r") + 0.01);
    }

    /** The first fenced block under the README's "The two commands" heading. */
    private static String readmeFirstCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## The two commands");
        assertThat(section).as("README has a 'The two commands' section").isNotNegative();
        Matcher block = Pattern.compile("```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("a code block after the heading").isTrue();
        return block.group(1).strip();
    }

    /** Runs a shell command in the project root, logs it, and returns its output. */
    private static String run(String command, String name) throws Exception {
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        long start = System.nanoTime();
        Process p =
                new ProcessBuilder("bash", "-c", command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        boolean ended = p.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("'%s' ended within %s; log %s", command, LIMIT, log).isTrue();
        assertThat(p.exitValue()).as("exit status of '%s':%n%s", command, out).isZero();
        System.out.printf(
                "'%s' took %d s%n",
                command, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        return out;
    }

    /**
     * Checks what the quickstart promises to print (metrics, existing plot files, the MLflow UI
     * command) and reads the run's evaluation report.
     */
    private static Map<String, Double> metricsOf(String out) throws IOException {
        assertThat(out).contains("recall@1", "map@r", "browse the tracked runs: ./pdml mlflow ui");
        Matcher plot = Pattern.compile("(?m)^\\s+plot \\S+\\s+(\\S+)$").matcher(out);
        int plots = 0;
        while (plot.find()) {
            assertThat(Path.of(plot.group(1))).isRegularFile();
            plots++;
        }
        assertThat(plots).as("plot lines in:%n%s", out).isPositive();
        Matcher folder = Pattern.compile("(?m)^run folder: (.+)$").matcher(out);
        assertThat(folder.find()).as("run folder line in:%n%s", out).isTrue();
        return EvalReportWriter.read(Path.of(folder.group(1).strip()).resolve("eval"))
                .getMetricsMap();
    }
}
