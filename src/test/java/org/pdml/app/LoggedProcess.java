package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of a packaged-build test with its output in a log file, and fails the test when it
 * outlives its limit (after killing it and its children).
 */
final class LoggedProcess {
    private LoggedProcess() {}

    /** A finished command: exit status and everything it printed. */
    record Output(int status, String text) {
        /** The last 6,000 characters, for assertion messages. */
        String tail() {
            return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
        }
    }

    /**
     * Runs a command; its output goes to {@code <logs>/<name>.log}.
     *
     * @param logs the log folder
     * @param name the log's name
     * @param cmd the command
     * @param env variables set on top of this JVM's environment; a null value removes one
     * @param dir the working folder
     * @param limit how long it may run
     * @return status and output
     */
    static Output run(
            Path logs,
            String name,
            List<String> cmd,
            Map<String, String> env,
            Path dir,
            Duration limit)
            throws Exception {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log").toAbsolutePath();
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        env.forEach(
                (k, v) -> {
                    if (v == null) {
                        pb.environment().remove(k);
                    } else {
                        pb.environment().put(k, v);
                    }
                });
        long start = System.nanoTime();
        Process p = pb.start();
        boolean ended = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf(
                "[%s] %s: exit %d in %d s (log %s)%n",
                logs.getFileName(),
                name,
                p.exitValue(),
                Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                log);
        assertThat(ended).as("%s ended within %s; log %s", cmd, limit, log).isTrue();
        return new Output(p.exitValue(), text);
    }

    /**
     * Builds the shaded jar of some Maven profiles in a nested build ({@code ./mvnw -B -P<profiles>
     * -DskipTests package}, offline when this build is), once per test class.
     *
     * @param logs the log folder
     * @param profiles e.g. {@code dist,flink}
     * @param jar the jar the build must leave
     * @param limit how long the build may run
     */
    static void buildJar(Path logs, String profiles, Path jar, Duration limit) throws Exception {
        List<String> build =
                new java.util.ArrayList<>(
                        List.of(
                                "./mvnw",
                                "-B",
                                "-P" + profiles,
                                "-DskipTests",
                                "-Dmaven.test.skip=true",
                                "-Dspotless.check.skip=true",
                                "package"));
        if ("offline=true".equals(System.getProperty("pdml.mavenOffline"))) {
            build.add(1, "-o");
        }
        Output out = run(logs, "build", build, Map.of(), Path.of("."), limit);
        assertThat(out.status()).as("%s%n%s", build, out.tail()).isZero();
        assertThat(jar).isRegularFile();
    }
}
