package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.testing.SyntheticImages;

/**
 * {@code pipelines/local/retrain.sh} run by real bash with a real {@code pdml} (this test's
 * classpath): it skips when the stored fingerprint equals the data's, and does not start while
 * another retraining holds the lock. (The full retraining path is the same commands that
 * FingerprintCommandTest, RunCommandTest and ModelPromoterIT run, and RetrainScriptIT runs the
 * script three times against a real MLflow server.)
 */
class RetrainScriptTest {
    private static final String CONFIG = "configs/smoke/folder-tiny.yaml";

    @TempDir Path tmp;
    private RetrainScript script;
    private Path work;
    private String source;

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
        script = new RetrainScript(tmp, Map.of("PDML_RETRAIN_DIR", work.toString()));
    }

    private RetrainScript.Result retrain(List<String> prefix, String... args)
            throws IOException, InterruptedException {
        return script.run(prefix, args);
    }

    private String fingerprint() {
        return Cli.ok("fingerprint", "--config", CONFIG, source).out().strip();
    }

    @Test
    void skipsWhenTheDataFingerprintIsUnchanged() throws Exception {
        String fp = fingerprint();
        Path state =
                Files.createDirectories(work.resolve("state")).resolve("folder-tiny.fingerprint");
        Files.writeString(state, fp + "\n");
        RetrainScript.Result r = retrain(List.of(), CONFIG, source);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("nothing changed (" + fp + ")");
        assertThat(work.resolve("examples")).doesNotExist();
        assertThat(work.resolve("runs")).doesNotExist();
        assertThat(Files.readString(state).strip()).isEqualTo(fp);
    }

    @Test
    void doesNotStartWhileAnotherRetrainingHoldsTheLock() throws Exception {
        RetrainScript.Result r =
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
        RetrainScript.Result r = retrain(List.of());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("usage:");
    }
}
