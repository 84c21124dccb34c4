package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.testing.SyntheticExamples;
import org.pdml.testing.TorchVenv;

/**
 * The images of {@code infra/docker} as far as this machine can build them (it has no container
 * builder): one nested {@code ./mvnw -Pdist,flink package}, the jar that {@code pdml:cpu} and
 * {@code pdml:cuda} copy, then each image laid out by {@link ImageLayout} from its Dockerfile (its
 * COPY links, ENV, RUN steps and ENTRYPOINT, {@code /opt/pdml} mapped to a temporary folder):
 *
 * <ul>
 *   <li>{@code pdml:cpu}: the build's engine check loads the bundled CPU libtorch and unpacks it
 *       into the image's DJL cache; then the ENTRYPOINT trains the tiny config to an exported
 *       model;
 *   <li>{@code pdml:cpu} again: the ENTRYPOINT runs {@code preprocess --runner flink} (Beam's Flink
 *       runner from the packaged jar, on an embedded cluster) on a folder of 48 images to its
 *       manifest, every image a record;
 *   <li>{@code pdml:cuda}: the build's engine check with the image's {@code PDML_LIBTORCH=pip} and
 *       {@code PDML_TORCH_VENV}, against this checkout's torch venv standing in for the one the
 *       image build installs, loads PyPI's CUDA torch 2.7.1 through the {@code cu128} JNI on CPU;
 *       then the ENTRYPOINT trains the tiny config with it. Skipped, saying why, without that venv
 *       ({@link TorchVenv#require()}).
 * </ul>
 */
class PackagedImagesIT {
    private static final Path JAR = Path.of("target", "flink", "pdml.jar");
    private static final Path LOGS = Path.of("target", "packaged-images-it");
    private static final Path DOCKER = Path.of("infra", "docker");
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(20);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);
    private static final int CLASSES = 8;
    private static final int PER_CLASS = 6;

    @TempDir static Path tmp;

    @BeforeAll
    static void buildTheFlinkJar() throws Exception {
        LoggedProcess.buildJar(LOGS, "dist,flink", JAR, BUILD_LIMIT);
    }

    @Test
    void theCpuImageLoadsItsEngineAtBuildAndTrains() throws Exception {
        ImageLayout cpu = layout("Dockerfile.cpu", "pdml:cpu");
        String built = cpu.build(RUN_LIMIT);
        assertThat(built).contains("engine: PyTorch 2.7.1 (flavour cpu", "device: cpu()");
        Path cache = Path.of(cpu.env().get("DJL_CACHE_DIR"));
        assertThat(cache)
                .as("libtorch unpacked into the image at build time")
                .isNotEmptyDirectory();

        Path examples = tmp.resolve("examples-cpu");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        Path run = tmp.resolve("run-cpu");
        LoggedProcess.Output train = trainTiny(cpu, examples, run);
        assertThat(train.text()).contains("flavour cpu");
        assertThat(run.resolve("model/embedder.pt")).isRegularFile();
    }

    /** Issue 18 item 1: the Flink runner of the packaged jar, as {@code pdml:cpu} runs it. */
    @Test
    void theCpuImagesJarPreprocessesAFolderOnFlinkToTheEnd() throws Exception {
        ImageLayout cpu = layout("Dockerfile.cpu", "pdml:cpu");
        Path images = tmp.resolve("images");
        SyntheticExamples.writeFolder(images, CLASSES, PER_CLASS, 7);
        Path examples = tmp.resolve("examples-flink");
        LoggedProcess.Output pre =
                cpu.entrypoint(
                        "preprocess-flink",
                        RUN_LIMIT,
                        "preprocess",
                        "--config",
                        "configs/smoke/folder-tiny.yaml",
                        "--tracking",
                        "off",
                        "--beam=--flinkMaster=[local]",
                        "--beam=--parallelism=2",
                        "data.runner=flink",
                        "data.source=" + images,
                        "data.output=" + examples);
        assertThat(pre.status()).as(pre.tail()).isZero();
        assertThat(pre.text()).contains("Executing pipeline using FlinkRunner");
        ExamplesManifest manifest = ExamplesArtifact.at(examples).read();
        long records = manifest.getSplitsList().stream().mapToLong(SplitInfo::getRecordCount).sum();
        assertThat(records).as("every image became a record").isEqualTo(CLASSES * PER_CLASS);
        assertThat(manifest.getRejectedCount()).isZero();
        assertThat(ExamplesArtifact.at(examples).verify().problems()).isEmpty();
    }

    @Test
    void theCudaImageLoadsThePipLibtorchAtBuildAndTrainsWithIt() throws Exception {
        Path venv = TorchVenv.require();
        ImageLayout cuda = layout("Dockerfile.cuda", "pdml:cuda");
        Path imageVenv = Path.of(cuda.env().get("PDML_TORCH_VENV"));
        assertThat(imageVenv.getParent()).isEqualTo(cuda.root());
        // stands in for the venv the image build installs with pip (no registry here)
        Files.createSymbolicLink(imageVenv, venv);
        String built = cuda.build(RUN_LIMIT);
        assertThat(built)
                .contains("engine: PyTorch 2.7.1 (flavour cu128, built with CUDA, libtorch ")
                .contains("libtorch " + imageVenv)
                .contains("device: cpu()");
        System.out.print("[packaged-images-it] pdml:cuda engine check:\n" + built);

        Path examples = tmp.resolve("examples-synthetic");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        Path run = tmp.resolve("run-cuda");
        LoggedProcess.Output train = trainTiny(cuda, examples, run);
        assertThat(train.text()).contains("flavour cu128");
        assertThat(run.resolve("model/embedder.pt")).isRegularFile();
    }

    /** A fresh layout per test, under its own temporary folder. */
    private static ImageLayout layout(String dockerfile, String tag) throws Exception {
        Path root = Files.createTempDirectory(tmp, tag.replace(':', '-'));
        return ImageLayout.of(DOCKER.resolve(dockerfile), tag, root.resolve("opt-pdml"), LOGS);
    }

    private static LoggedProcess.Output trainTiny(ImageLayout image, Path examples, Path run)
            throws Exception {
        LoggedProcess.Output out =
                image.entrypoint(
                        "train", RUN_LIMIT, Cli.trainTinyArgs(examples, run, "--tracking", "off"));
        assertThat(out.status()).as(out.tail()).isZero();
        return out;
    }
}
