package org.pdml.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pdml.math.ImageVmf;
import org.pdml.math.WoodVmfSampler;
import org.pdml.testing.GpuDevice;

/**
 * The EL-nivMF loss (L_NCA over S = 5 samples plus the ProxyAnchor guidance, w_g = 1) and its
 * gradients to z, v, κ and T: the same on the GPU as on the CPU for the same inputs.
 *
 * <p>The same inputs include the samples. The sampler draws its noise from the arrays' own device,
 * and the CPU and CUDA generators give different streams for one seed, so the parity check replaces
 * the draw by fixed unit vectors x⁰ (seeded, identical on both devices) pulled towards μ_i =
 * z_i/‖z_i‖: x_is = (x⁰_is + 2μ_i)/‖x⁰_is + 2μ_i‖. That keeps z's gradient flowing through the
 * samples, as the reparameterised draw does; everything after the draw is the production code. The
 * real sampler on the GPU is checked separately. Tagged {@code gpu}: skipped without a usable GPU
 * ({@link GpuDevice}).
 */
@Tag("gpu")
class GpuLossParityTest {
    private static final int B = 16;
    private static final int C = 8;
    private static final int D = 64;
    private static final int S = 5;
    private static final long[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7};
    private static final LossFixtures PROBLEM = LossFixtures.random(23, B, C, D, LABELS, 0.1);

    /**
     * Float64 inputs: the same graph on the same float64 values; only the order of summation
     * (cuBLAS and CUDA reductions against the CPU's) and CUDA's exp/log (within 2 ulp) differ,
     * about 1e-15 relative per operation, amplified by 1/T = 10 and sums of a few hundred terms to
     * at most ~1e-12. 1e-9 leaves a 1000-fold margin and still fails a float32 fallback (~1e-7).
     */
    static final double FLOAT64_TOLERANCE = 1e-9;

    /**
     * Float32 inputs (what training passes): the loss widens them exactly to float64 and computes
     * as above, then rounds the loss and the gradients to float32 once (1 ulp = 6e-8 relative);
     * 1e-6 is about 16 ulps.
     */
    static final double FLOAT32_TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        return Stream.of(Normaliser.values())
                .flatMap(
                        n ->
                                Stream.of(DataType.FLOAT64, DataType.FLOAT32)
                                        .map(t -> Arguments.of(n, t)));
    }

    @ParameterizedTest(name = "{0} normaliser, {1} inputs")
    @MethodSource("cases")
    void lossAndGradientsOnTheGpuEqualTheCpusForTheSameSamples(Normaliser n, DataType dtype) {
        Device gpu = GpuDevice.requireGpu();
        ProxyLoss loss = fixedSampleLoss(n);
        double tol = dtype == DataType.FLOAT64 ? FLOAT64_TOLERANCE : FLOAT32_TOLERANCE;
        double[][] cpu = lossAndGradients(loss, Device.cpu(), dtype);
        double[][] onGpu = lossAndGradients(loss, gpu, dtype);
        assertThat(onGpu[0][0])
                .as("loss")
                .isCloseTo(cpu[0][0], within(tol * Math.max(1, Math.abs(cpu[0][0]))));
        String[] names = {"", "z", "v", "kappa", "T"};
        for (int k = 1; k < cpu.length; k++) {
            double scale = maxAbs(cpu[k]);
            assertThat(scale).as("some gradient to %s is non-zero", names[k]).isGreaterThan(0);
            for (int j = 0; j < cpu[k].length; j++) {
                assertThat(onGpu[k][j])
                        .as("d loss / d %s [%d]", names[k], j)
                        .isCloseTo(cpu[k][j], within(tol * scale));
            }
        }
    }

    @Test
    void theSeededSamplerDrawsUnitVectorsOnTheGpuAndTheLossHasFiniteGradients() {
        Device gpu = GpuDevice.requireGpu();
        ProxyLoss loss = LossFactory.create("el-nivmf", LossParameters.DEFAULTS);
        try (NDManager m = NDManager.newBaseManager(gpu)) {
            NDList predictions = PROBLEM.predictions(m);
            ImageVmf image = ImageVmf.of(predictions.get(0));
            Engine.getInstance().setRandomSeed(41);
            NDArray x = WoodVmfSampler.sample(image.direction(), image.concentration(), S);
            assertThat(x.getDevice()).isEqualTo(gpu);
            assertThat(x.getShape()).isEqualTo(new Shape(B, S, D));
            double[] norms = x.norm(new int[] {2}).toDoubleArray();
            assertThat(Arrays.stream(norms).map(v -> Math.abs(v - 1)).max().getAsDouble())
                    .as("largest |‖x‖ − 1|")
                    .isLessThanOrEqualTo(1e-6);
            double[][] out = run(loss, predictions);
            assertThat(out[0][0]).as("loss").isFinite();
            for (int k = 1; k < out.length; k++) {
                assertThat(Arrays.stream(out[k]).allMatch(Double::isFinite))
                        .as("gradient %d finite", k)
                        .isTrue();
            }
        }
    }

    /** EL-nivMF with the fixed-sample stand-in for the draw; the defaults otherwise (w_g = 1). */
    private static ProxyLoss fixedSampleLoss(Normaliser n) {
        LossParameters p = LossParameters.DEFAULTS;
        ElNivmf el = new ElNivmf(S, p.nivmfForm(), n, p.kappaMin());
        double[] base = LossGradientTest.fixedSamples(B, S, D);
        Similarity fixed =
                new Similarity() {
                    @Override
                    public NDArray logits(ProxyLossInputs in) {
                        return el.logitsFromSamples(samples(in, base), in);
                    }

                    @Override
                    public NDArray ncaPerSample(ProxyLossInputs in) {
                        return el.ncaPerSampleFromSamples(samples(in, base), in);
                    }
                };
        return new NivmfProxyLoss(
                "el-nivmf",
                fixed,
                p.guidanceWeight(),
                new ProxyAnchorGuidance(p.alpha(), p.delta()),
                true);
    }

    private static NDArray samples(ProxyLossInputs in, double[] base) {
        NDArray x0 = in.z().getManager().create(base, new Shape(B, S, D));
        NDArray mu = ImageVmf.of(in.z()).direction().expandDims(1);
        return x0.add(mu.mul(2)).normalize(2, 2, 1e-12);
    }

    /** {[loss], ∂/∂z, ∂/∂v, ∂/∂κ, ∂/∂T} on {@code device} with inputs of type {@code dtype}. */
    private static double[][] lossAndGradients(ProxyLoss loss, Device device, DataType dtype) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDList predictions = new NDList();
            for (NDArray a : PROBLEM.predictions(m)) {
                predictions.add(a.toType(dtype, false));
            }
            return run(loss, predictions);
        }
    }

    private static double[][] run(ProxyLoss loss, NDList predictions) {
        NDManager m = predictions.get(0).getManager();
        predictions.forEach(a -> a.setRequiresGradient(true));
        double[][] out = new double[1 + predictions.size()][];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray value = loss.evaluate(new NDList(m.create(LABELS)), predictions);
            out[0] = new double[] {value.toType(DataType.FLOAT64, false).getDouble()};
            gc.backward(value);
        }
        for (int k = 0; k < predictions.size(); k++) {
            NDArray g = predictions.get(k).getGradient();
            out[k + 1] = g.toType(DataType.FLOAT64, false).toDoubleArray();
        }
        return out;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
