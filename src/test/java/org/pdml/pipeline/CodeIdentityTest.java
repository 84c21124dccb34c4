package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code identities of real builds: copies of the compiled classes this test runs, one of them with a
 * changed loss class. Its helpers also give other tests a changed pdml build
 * (FingerprintCommandTest).
 */
public class CodeIdentityTest {
    /** A class only training runs. */
    public static final String LOSS_CLASS = "org/pdml/loss/ProxyAnchorLoss.class";

    public static final Map<String, String> LIBS =
            Map.of(
                    "djl", "0.36.0",
                    "pytorch", "2.7.1",
                    "pytorch_flavor", "cpu",
                    "beam", "2.73.0",
                    "protobuf", "4.33.2");

    @TempDir Path tmp;

    /** The classes folder (or jar) {@code org.pdml} is loaded from in this test JVM. */
    public static Path runningClasses() throws Exception {
        return Path.of(
                CodeIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * Copies the pdml classes under {@code classes} to {@code to}, appending a byte to {@code
     * changed} (a class path) if given, and returns that build's identity.
     */
    /**
     * Copies a build, optionally changing one class.
     *
     * @param classes the classes folder to copy
     * @param to the new classes folder
     * @param changed a class path to change, or null
     * @return the copy's identity
     * @throws IOException if copying fails
     */
    public static CodeIdentity build(Path classes, Path to, String changed) throws IOException {
        Path pdml = classes.resolve("org/pdml");
        try (Stream<Path> walk = Files.walk(pdml)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(classes.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        if (changed != null) {
            Files.write(to.resolve(changed), new byte[] {0}, StandardOpenOption.APPEND);
        }
        return CodeIdentity.of(to, LIBS);
    }

    @Test
    void identicalBuildsHaveOneIdentity() throws Exception {
        CodeIdentity a = build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity b = build(runningClasses(), tmp.resolve("b"), null);
        for (StageName s : StageName.values()) {
            assertThat(a.of(s)).as(s.wireName()).hasSize(64).isEqualTo(b.of(s));
        }
    }

    @Test
    void aChangedLossClassChangesTrainingAlone() throws Exception {
        CodeIdentity a = build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity b = build(runningClasses(), tmp.resolve("b"), LOSS_CLASS);
        assertThat(b.of(StageName.TRAIN)).isNotEqualTo(a.of(StageName.TRAIN));
        assertThat(b.of(StageName.PREPROCESS)).isEqualTo(a.of(StageName.PREPROCESS));
        // Evaluation runs the exported TorchScript, not the loss; a new model reaches it through
        // its model input.
        assertThat(b.of(StageName.EVALUATE)).isEqualTo(a.of(StageName.EVALUATE));
    }

    @Test
    void aChangedRecordsClassChangesEveryStage() throws Exception {
        CodeIdentity a = build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity b =
                build(runningClasses(), tmp.resolve("b"), "org/pdml/records/TfRecordReader.class");
        for (StageName s : StageName.values()) {
            assertThat(b.of(s)).as(s.wireName()).isNotEqualTo(a.of(s));
        }
    }

    @Test
    void aChangedSeedsClassChangesEveryStage() throws Exception {
        // Every stage draws its random streams from provenance.Seeds (the split carve, the
        // sampler, augmentation, k-means).
        CodeIdentity a = build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity b =
                build(runningClasses(), tmp.resolve("b"), "org/pdml/provenance/Seeds.class");
        for (StageName s : StageName.values()) {
            assertThat(b.of(s)).as(s.wireName()).isNotEqualTo(a.of(s));
        }
    }

    @Test
    void aChangedEvaluationStageLeavesTrainingAlone() throws Exception {
        // Training uses eval's scoring layer (eval.metrics, eval.retrieval), never the eval
        // package itself (docs/architecture.md §4).
        CodeIdentity a = build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity b =
                build(runningClasses(), tmp.resolve("b"), "org/pdml/eval/EvaluateStage.class");
        assertThat(b.of(StageName.EVALUATE)).isNotEqualTo(a.of(StageName.EVALUATE));
        assertThat(b.of(StageName.TRAIN)).isEqualTo(a.of(StageName.TRAIN));
        CodeIdentity c =
                build(runningClasses(), tmp.resolve("c"), "org/pdml/eval/metrics/MapAtR.class");
        assertThat(c.of(StageName.TRAIN)).isNotEqualTo(a.of(StageName.TRAIN));
    }

    @Test
    void anotherLibtorchChangesEveryStage() throws Exception {
        build(runningClasses(), tmp.resolve("a"), null);
        CodeIdentity a = CodeIdentity.of(tmp.resolve("a"), LIBS);
        Map<String, String> other = new java.util.HashMap<>(LIBS);
        other.put("pytorch", "2.8.0");
        CodeIdentity b = CodeIdentity.of(tmp.resolve("a"), other);
        for (StageName s : StageName.values()) {
            assertThat(b.of(s)).isNotEqualTo(a.of(s));
        }
    }

    @Test
    void aJarOfTheSameClassesHasTheFoldersIdentity() throws Exception {
        Path folder = tmp.resolve("a");
        CodeIdentity fromFolder = build(runningClasses(), folder, null);
        Path jar = tmp.resolve("pdml.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> walk = Files.walk(folder)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(p).toString()));
                zip.write(Files.readAllBytes(p));
            }
        }
        CodeIdentity fromJar = CodeIdentity.of(jar, LIBS);
        for (StageName s : StageName.values()) {
            assertThat(fromJar.of(s)).isEqualTo(fromFolder.of(s));
        }
    }
}
