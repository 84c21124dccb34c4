package org.pdml.train;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;

/**
 * {@code pdml train --resume} after a real crash: a child JVM trains, is killed with SIGKILL
 * ({@code Process.destroyForcibly} on Linux) as soon as its epoch-1 checkpoint appears, and a
 * second child JVM resumes it. Its final parameters and optimiser state must equal, bit for bit,
 * those of a third child JVM that trains the same two epochs without interruption.
 */
class KillAndResumeIT {
    private static final String MAIN = "org.pdml.app.Main";

    @TempDir Path tmp;

    @Test
    void killNineAfterEpochOneThenResumeEqualsTwoStraightEpochs() throws Exception {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 8, 0, 24, 24, 13L);
        Path config = tmp.resolve("config.yaml");
        Files.writeString(config, CONFIG, StandardCharsets.UTF_8);

        Path straight = tmp.resolve("straight");
        assertThat(finish(train(config, examples, straight, false))).isZero();

        Path crashed = tmp.resolve("crashed");
        Path checkpoints = Files.createDirectories(crashed.resolve("checkpoints"));
        Process victim;
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            checkpoints.register(watcher, ENTRY_CREATE);
            victim = train(config, examples, crashed, false);
            awaitCreated(watcher, TrainLoop.LATEST, victim);
            victim.destroyForcibly();
        }
        assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
        CheckpointStore store = new CheckpointStore(checkpoints);
        assertThat(store.state(TrainLoop.LATEST).orElseThrow().epochsDone())
                .as("the kill landed in epoch 2")
                .isEqualTo(1);
        assertThat(crashed.resolve("model")).doesNotExist();

        assertThat(finish(train(config, examples, crashed, true))).isZero();
        String epochs = epochLines(tmp, "straight") + epochLines(tmp, "crashed-resume");
        for (String file : List.of(CheckpointStore.PARAMS, CheckpointStore.OPTIMIZER)) {
            assertThat(latest(crashed, file))
                    .as(file + " (epoch summaries:\n" + epochs + ")")
                    .isEqualTo(latest(straight, file));
        }
        assertThat(Files.readAllBytes(crashed.resolve("model/params.bin")))
                .isEqualTo(Files.readAllBytes(straight.resolve("model/params.bin")));
    }

    /** 8 classes × 24 images, batch 16: 12 steps per epoch, long enough to be killed inside. */
    private static final String CONFIG =
            String.join(
                    "\n",
                    "name: kill-resume-test",
                    "seed: 21",
                    "data: {dataset: folder, source: unused, output: unused}",
                    "model: {backbone: small-cnn, embedding_dim: 16, frozen_bn: false}",
                    "loss: {warm_start: class-means, samples: 3, temperature: {init: 0.05}}",
                    "train:",
                    "  epochs: 2",
                    "  batch_size: 16",
                    "  samples_per_class: 2",
                    "  input_size: 24",
                    "  optimizer: {lr: 3.0e-3}",
                    "  num_workers: 2",
                    "  augmentation: {resize: 24, center_crop: 24}",
                    "eval: {k_list: [1], block_size: 64}",
                    "tracking: {mode: off}",
                    "");

    private static Process train(Path config, Path examples, Path out, boolean resume)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(
                List.of(
                        "-Xmx1g",
                        "-Dai.djl.offline=true",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MAIN,
                        "train",
                        "--config",
                        config.toString(),
                        "--examples",
                        examples.toString(),
                        "--out",
                        out.toString()));
        if (resume) {
            cmd.add("--resume");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(
                out.resolveSibling(out.getFileName() + (resume ? "-resume" : "") + ".log")
                        .toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** Blocks until {@code name} is created in the watched folder (the checkpoint's rename). */
    private static void awaitCreated(WatchService watcher, String name, Process child)
            throws InterruptedException {
        while (true) {
            WatchKey key = watcher.poll(1, TimeUnit.SECONDS);
            if (key == null) {
                assertThat(child.isAlive())
                        .as("training child ended before its checkpoint")
                        .isTrue();
                continue;
            }
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.context() instanceof Path p && p.toString().equals(name)) {
                    return;
                }
            }
            key.reset();
        }
    }

    /** The "epoch … done" lines of a child's log, prefixed by the log's name, for diagnosis. */
    private static String epochLines(Path dir, String log) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(dir.resolve(log + ".log"))) {
            if (line.contains("done:")) {
                out.append(log).append(": ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static byte[] latest(Path run, String file) throws IOException {
        return Files.readAllBytes(
                run.resolve("checkpoints").resolve(TrainLoop.LATEST).resolve(file));
    }
}
