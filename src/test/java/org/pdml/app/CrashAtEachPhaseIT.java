package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdml.pipeline.RunInfo;
import org.pdml.testing.ChildJvm;
import org.pdml.testing.SyntheticExamples;
import org.pdml.util.CrashPoints;
import org.pdml.util.Sha256;

/**
 * {@code pdml run} killed at each phase boundary ({@link CrashPoints}: the JVM halts as {@code kill
 * -9} would), then run again: the retry exits 0 and gives the same bytes as an uninterrupted run:
 * shards, exported model and metrics. Two epochs, so that the second checkpoint replaces the first
 * ({@code swap:latest} lands between its two renames).
 */
class CrashAtEachPhaseIT {
    @TempDir static Path tmp;
    private static Map<String, String> reference;

    @BeforeAll
    static void uninterrupted() throws Exception {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 11);
        assertThat(run("reference", null)).isZero();
        reference = digest("reference");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "pipeline", "manifest", "checkpoint", "swap:latest", "export"})
    void aRetryAfterACrashGivesTheBytesOfAnUninterruptedRun(String point) throws Exception {
        String name = point.replace(':', '-');
        assertThat(run(name, point)).as(log(name)).isEqualTo(CrashPoints.STATUS);
        assertThat(log(name)).contains("halting at crash point '" + point + "'");
        assertThat(run(name, null)).as(log(name)).isZero();
        assertThat(digest(name)).isEqualTo(reference);
    }

    /** Shards, model files and metrics of a case, by name → SHA-256 (metrics as text). */
    private static Map<String, String> digest(String name) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path shards = tmp.resolve(name + "/shards");
        try (Stream<Path> files = Files.walk(shards)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tfrecord")).toList()) {
                out.put("shards/" + shards.relativize(f), Sha256.of(f));
            }
        }
        RunInfo info = RunInfo.read(tmp.resolve(name + "/info.json"));
        for (String f : List.of("params.bin", "embedder.pt", "proxy_kappa.npy")) {
            out.put("model/" + f, Sha256.of(info.runFolder().resolve("model").resolve(f)));
        }
        out.put("metrics", info.metrics().toString());
        return out;
    }

    private static int run(String name, String crashAt) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<String> flags =
                crashAt == null ? List.of() : List.of("-D" + CrashPoints.PROPERTY + "=" + crashAt);
        List<String> cmd =
                ChildJvm.pdml(
                        flags,
                        List.of(
                                "run",
                                "--config",
                                "configs/smoke/folder-tiny.yaml",
                                "--run-info",
                                dir.resolve("info.json").toString(),
                                "data.source=" + tmp.resolve("images"),
                                "data.output=" + dir.resolve("shards"),
                                "runs_root=" + dir.resolve("runs"),
                                "train.epochs=2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log.txt").toFile()));
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    private static String log(String name) throws IOException {
        return Files.readString(tmp.resolve(name + "/log.txt"));
    }
}
