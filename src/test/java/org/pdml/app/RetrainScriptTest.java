package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.testing.SyntheticImages;
import picocli.CommandLine;

/**
 * {@code pipelines/local/retrain.sh} run by real bash with a real {@code pdml} (this test's
 * classpath): it skips when the stored fingerprint equals the data's, and does not start while
 * another retraining holds the lock. (The full retraining path is the same commands that
 * FingerprintCommandTest, RunCommandTest and ModelPromoterIT run.)
 */
class RetrainScriptTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    @TempDir Path tmp;
    private Path launcher;
    private Path work;
    private String source;

    private record Result(int status, String out) {}

    @BeforeEach
    void setUp() throws IOException {
        Path images = tmp.resolve("images");
        for (int c = 0; c < 4; c++) {
            Path dir = Files.createDirectories(images.resolve("class" + c));
            Files.write(
                    dir.resolve("a.png"),
                    SyntheticImages.write(
                            SyntheticImages.filled(16, 16, 0x203040 * (c + 1)), "png"));
        }
        source = "data.source=" + images;
        work = Files.createDirectories(tmp.resolve("work"));
        launcher = tmp.resolve("pdml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(
                launcher,
                "#!/usr/bin/env bash\nexec '"
                        + java
                        + "' -cp '"
                        + System.getProperty("java.class.path")
                        + "' org.pdml.app.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    private Result retrain(List<String> prefix, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("bash");
        cmd.add("pipelines/local/retrain.sh");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PDML", launcher.toString());
        pb.environment().put("PDML_RETRAIN_DIR", work.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private String fingerprint() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("fingerprint", "--config", CONFIG, source)).isZero();
        return out.toString().strip();
    }

    @Test
    void skipsWhenTheDataFingerprintIsUnchanged() throws Exception {
        String fp = fingerprint();
        Path state =
                Files.createDirectories(work.resolve("state")).resolve("folder-tiny.fingerprint");
        Files.writeString(state, fp + "\n");
        Result r = retrain(List.of(), CONFIG, source);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("data unchanged (" + fp + ")");
        assertThat(work.resolve("examples")).doesNotExist();
        assertThat(work.resolve("runs")).doesNotExist();
        assertThat(Files.readString(state).strip()).isEqualTo(fp);
    }

    @Test
    void doesNotStartWhileAnotherRetrainingHoldsTheLock() throws Exception {
        Result r =
                retrain(
                        List.of("flock", "-n", work.resolve("retrain.lock").toString()),
                        CONFIG,
                        source);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("another retraining holds");
        assertThat(work.resolve("state").resolve("folder-tiny.fingerprint")).doesNotExist();
        assertThat(work.resolve("examples")).doesNotExist();
    }

    @Test
    void withoutAConfigItPrintsUsage() throws Exception {
        Result r = retrain(List.of());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("usage:");
    }
}
