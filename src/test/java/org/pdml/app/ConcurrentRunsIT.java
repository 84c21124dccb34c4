package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.pipeline.RunInfo;
import org.pdml.testing.ChildJvm;
import org.pdml.testing.SyntheticExamples;

/**
 * Three {@code pdml run}s of one config, started together in three JVMs (the packaged CLI's main
 * class): all succeed with equal metrics, and the stage locks let exactly one of them preprocess
 * and train while the others wait and reuse. Concurrent runs once failed on each other's
 * half-written shards, or resumed from another run's live checkpoint.
 */
class ConcurrentRunsIT {
    private static final int RUNS = 3;

    @TempDir Path tmp;

    @Test
    void threeConcurrentRunsOfOneConfigAllSucceedWithEqualMetrics() throws Exception {
        SyntheticExamples.writeFolder(tmp.resolve("images"), 8, 6, 11);
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            children.add(start(i));
        }
        List<RunInfo> infos = new ArrayList<>();
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < RUNS; i++) {
            Process p = children.get(i);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String log = Files.readString(tmp.resolve("run-" + i + ".log"));
            logs.append(log);
            assertThat(p.exitValue()).as(log).isZero();
            infos.add(RunInfo.read(tmp.resolve("info-" + i + ".json")));
        }
        assertThat(infos).extracting(RunInfo::metrics).containsOnly(infos.get(0).metrics());
        assertThat(infos.get(0).metrics()).containsKey("recall_at_1");
        assertThat(count(logs, "train: running")).as(logs.toString()).isEqualTo(1);
        assertThat(count(logs, "train: reusing")).as(logs.toString()).isEqualTo(RUNS - 1);
        assertThat(count(logs, "preprocess: running")).as(logs.toString()).isEqualTo(1);
    }

    private Process start(int i) throws IOException {
        List<String> cmd =
                ChildJvm.pdml(
                        List.of(),
                        List.of(
                                "run",
                                "--config",
                                "configs/smoke/folder-tiny.yaml",
                                "--run-info",
                                tmp.resolve("info-" + i + ".json").toString(),
                                "data.source=" + tmp.resolve("images"),
                                "data.output=" + tmp.resolve("shards"),
                                "runs_root=" + tmp.resolve("runs")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("run-" + i + ".log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private static int count(CharSequence text, String needle) {
        int n = 0;
        for (int at = text.toString().indexOf(needle); at >= 0; ) {
            n++;
            at = text.toString().indexOf(needle, at + needle.length());
        }
        return n;
    }
}
