package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.testing.SyntheticImages;

/**
 * {@code pdml preprocess} after a real crash: a child JVM preprocesses an image folder and is
 * killed with SIGKILL ({@code Process.destroyForcibly} on Linux) as soon as its first shard file
 * appears; the output must then be absent, and a plain retry (no {@code --overwrite}) must write
 * exactly the bytes (shards, {@code rejects.jsonl}, {@code manifest.json}) of a run that was never
 * interrupted.
 */
class PreprocessKillRetryIT {
    private static final String MAIN = "org.pdml.app.Main";

    @TempDir Path tmp;

    @Test
    void killNineMidPipelineThenRetryGivesTheBytesOfAnUninterruptedRun() throws Exception {
        Path source = imageFolder(tmp.resolve("images"), 4, 40);
        Path straight = tmp.resolve("straight");
        assertThat(finish(preprocess(source, straight, "straight"))).isZero();

        Path out = tmp.resolve("out");
        Path partial = tmp.resolve(".out.pdml-partial");
        Process victim = preprocess(source, out, "killed");
        awaitShardFile(partial, victim);
        victim.destroyForcibly();
        assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
        assertThat(out).as("an interrupted output is absent").doesNotExist();
        assertThat(partial).as("the kill landed mid-pipeline").isDirectory();

        assertThat(finish(preprocess(source, out, "retry"))).isZero();
        assertThat(partial).doesNotExist();
        assertThat(files(out)).hasSizeGreaterThan(4).isEqualTo(files(straight));
    }

    /** {@code classes} class folders of {@code perClass} noisy 96 px JPEGs (slow to re-encode). */
    private static Path imageFolder(Path root, int classes, int perClass) throws IOException {
        Random random = new Random(7);
        for (int c = 0; c < classes; c++) {
            Path dir = Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 96; y++) {
                    for (int x = 0; x < 96; x++) {
                        img.setRGB(x, y, random.nextInt(1 << 24));
                    }
                }
                Files.write(
                        dir.resolve(String.format("img%03d.jpg", i)),
                        SyntheticImages.write(img, "jpeg"));
            }
        }
        return root;
    }

    private Process preprocess(Path source, Path out, String log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(
                List.of(
                        "-Xmx512m",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        MAIN,
                        "preprocess",
                        "--dataset",
                        "folder",
                        "--source",
                        source.toString(),
                        "--output",
                        out.toString(),
                        "--image-size",
                        "64",
                        "--num-shards",
                        "2",
                        "--tracking",
                        "off"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve(log + ".log").toFile());
        return pb.start();
    }

    private int finish(Process p) throws InterruptedException, IOException {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** Polls until a shard file exists under {@code partial} (writers create them at start). */
    private static void awaitShardFile(Path partial, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("preprocess ended before its first shard").isTrue();
            if (Files.isDirectory(partial)) {
                try (Stream<Path> s = Files.walk(partial)) {
                    if (s.anyMatch(p -> p.getFileName().toString().startsWith("part-"))) {
                        return;
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // A file vanished while walking; look again.
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no shard file appeared under " + partial);
    }

    /** SHA-256 of every file under a folder, by relative path. */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(d));
            }
        }
        return out;
    }
}
