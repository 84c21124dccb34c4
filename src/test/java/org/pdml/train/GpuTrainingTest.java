package org.pdml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ResolvedConfig;
import org.pdml.data.HostBatch;
import org.pdml.model.torchscript.ExportedEmbedder;
import org.pdml.provenance.Seeds;
import org.pdml.testing.GpuDevice;
import org.pdml.testing.SyntheticExamples;

/**
 * Training on a GPU ({@code cuda:0}), on the small synthetic shards and config of {@link
 * TrainStageTest}: one step of the real {@link TrainSession} and {@link TrainStep}; the training
 * stage on the device its config names; and an export made from the GPU model that loads on the
 * CPU. Tagged {@code gpu}: CI leaves it out, and without a usable GPU every test is skipped saying
 * what the engine found ({@link GpuDevice}).
 */
@Tag("gpu")
class GpuTrainingTest {
    /**
     * Export on the GPU versus load on the CPU: largest ‖z_cpu − z_gpu‖ / ‖z_gpu‖ over the images.
     * Not float32 round-off (~1e-6): libtorch's default lets cuDNN run float32 convolutions in TF32
     * (10-bit mantissa, ~5e-4 relative per layer) on Ampere and later GPUs such as the H100. A
     * wrongly loaded model (missing head, training-mode BatchNorm, other weights) is off by O(1).
     */
    static final double EMBEDDING_TOLERANCE = 1e-2;

    private static final int SIDE = 28;

    @TempDir static Path examples;

    @BeforeAll
    static void writeExamples() throws IOException {
        SyntheticExamples.write(examples, 6, 3, 8, 32, 7L);
    }

    @Test
    void oneStepOnTheGpuChangesEveryTrainedParameterAndKeepsThemFiniteOnTheGpu()
            throws IOException {
        Device gpu = GpuDevice.requireGpu();
        ResolvedConfig resolved = TrainStageTest.config();
        try (TrainSession session = session(resolved, gpu)) {
            Map<String, float[]> before = trainedValues(session);
            double loss = step(session);
            assertThat(loss).as("loss of the step").isFinite();
            for (Pair<String, Parameter> p : session.block().getParameters()) {
                NDArray array = p.getValue().getArray();
                assertThat(array.getDevice()).as("device of %s", p.getKey()).isEqualTo(gpu);
                float[] after = array.toFloatArray();
                assertThat(allFinite(after)).as("%s finite after the step", p.getKey()).isTrue();
                if (before.containsKey(p.getKey())) {
                    assertThat(after)
                            .as("%s changed", p.getKey())
                            .isNotEqualTo(before.get(p.getKey()));
                }
            }
        }
    }

    @Test
    void theStageTrainsOnTheDeviceItsConfigNames(@TempDir Path out) throws IOException {
        Device gpu = GpuDevice.requireGpu();
        String device = gpu.isGpu() ? "cuda:" + gpu.getDeviceId() : "cpu";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainStage.TrainResult result =
                TrainStage.run(
                        TrainStageTest.config("train.device=" + device, "train.epochs=1"),
                        TrainStageTest.seedsOf(
                                TrainStageTest.config("train.device=" + device, "train.epochs=1")),
                        examples,
                        out,
                        false,
                        TrainListener.NONE,
                        new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("device: " + gpu + " (");
        assertThat(result.state().epochsDone()).isEqualTo(1);
        assertThat(result.modelDir().resolve(ModelExport.CARD)).exists();
    }

    /**
     * On a GPU machine, training on the CPU resumes from its checkpoint: the optimiser state is
     * decoded on the engine's default device (the GPU) and must follow the parameters back to the
     * CPU before the first update, or the update mixes devices.
     */
    @Test
    void aCpuRunOnAGpuMachineResumesFromItsCheckpoint(@TempDir Path out) throws IOException {
        GpuDevice.requireGpu();
        PrintStream quiet =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int epochs = 1; epochs <= 2; epochs++) {
            var config = TrainStageTest.config("train.device=cpu", "train.epochs=" + epochs);
            TrainStage.TrainResult result =
                    TrainStage.run(
                            config,
                            TrainStageTest.seedsOf(config),
                            examples,
                            out.resolve("run"),
                            true,
                            "fixed-key",
                            TrainListener.NONE,
                            quiet);
            assertThat(result.state().epochsDone()).isEqualTo(epochs);
        }
    }

    @Test
    void anExportMadeOnTheGpuLoadsOnTheCpuAndGivesTheGpuModelsEmbeddings(@TempDir Path out)
            throws IOException {
        Device gpu = GpuDevice.requireGpu();
        ResolvedConfig resolved = TrainStageTest.config();
        float[] images = images(4);
        float[] onGpu;
        Path modelDir;
        try (TrainSession session = session(resolved, gpu)) {
            step(session);
            TrainState state = TrainState.fresh(resolved.hash());
            modelDir = ModelExport.write(session, TrainInputs.load(examples), resolved, state, out);
            try (NDManager m = session.model().getNDManager().newSubManager()) {
                onGpu = embed(session.block().embedder(), m, images);
            }
        }
        try (ExportedEmbedder loaded = ExportedEmbedder.load(modelDir, Device.cpu());
                NDManager m = loaded.manager().newSubManager()) {
            assertThat(m.getDevice()).isEqualTo(Device.cpu());
            float[] onCpu = embed(loaded.block(), m, images);
            assertThat(worstRelativeRowError(onCpu, onGpu, 4))
                    .as("embeddings of the export on the CPU against the GPU model")
                    .isLessThanOrEqualTo(EMBEDDING_TOLERANCE);
        }
    }

    private static TrainSession session(ResolvedConfig resolved, Device device) throws IOException {
        TrainInputs inputs = TrainInputs.load(examples);
        Seeds seeds = new Seeds(resolved.config().seed());
        TrainSession session =
                new TrainSession(resolved.config(), inputs, seeds, device, s -> Optional.empty());
        WarmStart.apply(resolved.config(), session, inputs);
        return session;
    }

    /** One step of the real TrainStep, gradient clipping on, on batch 0 of epoch 1. */
    private static double step(TrainSession session) throws IOException {
        TrainInputs inputs = TrainInputs.load(examples);
        int[] rows = session.sampler().batch(1, 0);
        long[] labels = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = inputs.classOfRow()[rows[i]];
        }
        HostBatch batch = new HostBatch(images(rows.length), labels, rows, 3, SIDE, SIDE);
        TrainStep step =
                new TrainStep(
                        session.trainer(),
                        session.trainableParameters(),
                        (ps, max) -> session.optimizer().clipGradNorm(ps, max),
                        1.0);
        return step.run(batch, 0, 1);
    }

    private static Map<String, float[]> trainedValues(TrainSession session) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : session.block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
        }
        return out;
    }

    /** Seeded normal pixels, [n, 3, SIDE, SIDE] row-major (the loader's normalised range). */
    private static float[] images(int n) {
        SplittableRandom random = new SplittableRandom(13);
        float[] pixels = new float[n * 3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) (2 * random.nextDouble() - 1);
        }
        return pixels;
    }

    private static float[] embed(Block network, NDManager m, float[] images) {
        int n = images.length / (3 * SIDE * SIDE);
        NDArray x = m.create(images, new Shape(n, 3, SIDE, SIDE));
        NDList z = network.forward(new ParameterStore(m, false), new NDList(x), false);
        return z.singletonOrThrow().toFloatArray();
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** max over rows of ‖a_i − b_i‖ / ‖b_i‖ for n rows. */
    static double worstRelativeRowError(float[] a, float[] b, int n) {
        int d = b.length / n;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double diff = 0;
            double norm = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                diff += (a[j] - b[j]) * (double) (a[j] - b[j]);
                norm += b[j] * (double) b[j];
            }
            worst = Math.max(worst, Math.sqrt(diff / norm));
        }
        return worst;
    }
}
