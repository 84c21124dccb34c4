package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.model.LibtorchLoader;
import org.pdml.testing.SyntheticExamples;
import org.pdml.venv.PinnedVenv;

/**
 * {@code engine.libtorch: pip} for real: a child JVM (the engine loads once per process) trains the
 * tiny smoke config for 2 epochs on CPU with PyPI's CUDA build of torch 2.7.1 through DJL's {@code
 * cu128} JNI, another with the bundled CPU natives, and the trained parameters ({@code
 * model/params.bin}) must agree within {@link #TOLERANCE}; the largest difference is printed.
 *
 * <p>The venv is {@code -Dpdml.torchVenv} (default {@code .cache/torch-venv} of the checkout). When
 * it is not ready the test is skipped, saying so, unless {@code -Dpdml.torchVenv.create=true} asks
 * it to make the venv first. CI leaves creation off: PyPI's torch 2.7.1 with its {@code nvidia-*}
 * wheels is about 3 GB to download and 5 GB on disk, and making the venv took 9 minutes on a 2-core
 * machine (1.5 of them downloading, the rest unpacking), more than the few minutes CI may grow by;
 * a machine that keeps the venv (one for all checkouts, through {@code -Dpdml.torchVenv}) runs the
 * test every time, in under a minute.
 */
class PipLibtorchIT {
    /** Absolute bound on any parameter's difference between the two libtorch builds. */
    static final double TOLERANCE = 1e-4;

    private static final String MAIN = "org.pdml.app.Main";
    private static Path venv;

    @TempDir Path tmp;

    /** The venv, made first where asked; skips the test, saying why, when it is not ready. */
    private static void requirePipVenv() {
        venv = Path.of(System.getProperty("pdml.torchVenv", ".cache/torch-venv")).toAbsolutePath();
        venv = venv.normalize();
        List<String> req = List.of(LibtorchLoader.PIP_REQUIREMENT);
        if (!PinnedVenv.isReady(venv, req) && Boolean.getBoolean("pdml.torchVenv.create")) {
            PinnedVenv.ensure(venv, req, Duration.ofMinutes(60));
        }
        assumeTrue(
                PinnedVenv.isReady(venv, req),
                "the pip torch venv "
                        + venv
                        + " is not ready (no stamp for "
                        + LibtorchLoader.PIP_REQUIREMENT
                        + "): point -Dpdml.torchVenv at one, or add -Dpdml.torchVenv.create=true"
                        + " to make it (about 3 GB from PyPI)");
    }

    @Test
    void pipTorchTrainsTwoEpochsOnCpuToTheBundledRunsParameters() throws Exception {
        requirePipVenv();
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        String bundled = train(examples, "bundled-cpu");
        String pip = train(examples, "pip");
        assertThat(bundled).contains("flavour cpu");
        assertThat(pip).contains("flavour cu128", "built with CUDA", "libtorch " + venv);

        List<float[]> a = parameters(tmp.resolve("bundled-cpu/model/params.bin"));
        List<float[]> b = parameters(tmp.resolve("pip/model/params.bin"));
        assertThat(b).hasSameSizeAs(a);
        double maxDiff = 0;
        long values = 0;
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i)).as("parameter %d", i).hasSameSizeAs(a.get(i));
            for (int j = 0; j < a.get(i).length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
            values += a.get(i).length;
        }
        System.out.printf(
                "pip (cu128) vs bundled-cpu after 2 epochs: %d arrays, %d values, max |Δparam| ="
                        + " %.3e%n",
                a.size(), values, maxDiff);
        assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
    }

    /** Trains in a child JVM with {@code --libtorch <libtorch>}; returns its output. */
    private String train(Path examples, String libtorch) throws Exception {
        Path out = tmp.resolve(libtorch);
        Path log = tmp.resolve(libtorch + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN, "train"));
        cmd.addAll(List.of("--config", "configs/smoke/folder-tiny.yaml", "--examples"));
        cmd.addAll(List.of(examples.toString(), "--out", out.toString(), "--tracking", "off"));
        cmd.addAll(List.of("--libtorch", libtorch, "--device", "cpu", "train.epochs=2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("PDML_TORCH_VENV", venv.toString());
        pb.environment().keySet().removeIf(k -> k.startsWith("PYTORCH_"));
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("training with " + libtorch).isTrue();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(libtorch + " run:\n" + text).isZero();
        return text;
    }

    /**
     * Every array in a DJL parameter file, in order, as floats: each starts with the {@code NDAR}
     * magic of DJL's encoding and is decoded by the engine of this JVM.
     */
    private static List<float[]> parameters(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] magic = {0, 4, 'N', 'D', 'A', 'R'};
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int pos = indexOf(bytes, magic, 0); pos >= 0; ) {
                ByteArrayInputStream in = new ByteArrayInputStream(bytes, pos, bytes.length - pos);
                NDArray array = m.decode(in);
                out.add(array.toType(DataType.FLOAT32, false).toFloatArray());
                pos = indexOf(bytes, magic, bytes.length - in.available());
            }
        }
        assertThat(out).as("arrays in " + file).isNotEmpty();
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
