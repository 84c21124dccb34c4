package org.pdml.loss;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite differences in float64 against autograd, for every loss and similarity, with respect to z
 * (0), the proxy directions (1), κ (2) and T (3): only the inputs a loss depends on are listed.
 */
class LossGradientTest {

    static final LossFixtures PROBLEM =
            LossFixtures.random(7, 4, 3, 5, new long[] {0, 1, 0, 2}, 0.7);

    static final LossParameters PARAMS = LossParameters.DEFAULTS.withGuidanceWeight(0.7);

    static Stream<Arguments> lossesAndInputs() {
        return Stream.of(
                        cases("el-vmf", 0, 1, 2, 3),
                        cases("b-vmf", 0, 1, 2, 3),
                        cases("kl-vmf", 0, 1, 2, 3),
                        cases("nivmf-point", 0, 1, 2, 3),
                        cases("l2", 0, 1, 2, 3),
                        cases("cos", 0, 1, 3),
                        cases("proxy-nca", 0, 1, 3),
                        cases("norm-softmax", 0, 1, 3),
                        cases("proxy-anchor", 0, 1))
                .flatMap(s -> s);
    }

    static Stream<Arguments> cases(String name, int... inputs) {
        return java.util.Arrays.stream(inputs).mapToObj(i -> Arguments.of(name, i));
    }

    @ParameterizedTest(name = "{0} wrt input {1}")
    @MethodSource("lossesAndInputs")
    void lossGradientMatchesFiniteDifferences(String name, int input) {
        checkLoss(name, PARAMS, input);
    }

    @ParameterizedTest(name = "{0} with the paper fit wrt input {1}")
    @MethodSource("fitCases")
    void lossGradientWithThePaperFitMatches(String name, int input) {
        checkLoss(name, PARAMS.withNormaliser(Normaliser.PAPER_APPROX), input);
    }

    static Stream<Arguments> fitCases() {
        return Stream.of("el-vmf", "b-vmf", "kl-vmf", "nivmf-point")
                .flatMap(n -> cases(n, 0, 1, 2, 3));
    }

    @ParameterizedTest(name = "stretched nivmf-point wrt input {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3})
    void stretchedPointGradientMatches(int input) {
        checkLoss("nivmf-point", PARAMS.withNivmfForm(NivmfForm.STRETCHED), input);
    }

    @ParameterizedTest(name = "{0} similarity wrt input {1}")
    @MethodSource("lossesAndInputs")
    void similarityGradientMatchesFiniteDifferences(String name, int input) {
        if (name.startsWith("proxy-") || name.equals("norm-softmax")) {
            return; // baselines have no public similarity
        }
        Similarity sim = LossFactory.similarity(name, PARAMS);
        check(in -> weighted(sim.logits(in)), input);
    }

    @ParameterizedTest(name = "el-nivmf {0} {1} with fixed samples wrt input {2}")
    @MethodSource("elNivmfCases")
    void elNivmfGradientWithFixedSamplesMatches(NivmfForm form, Normaliser n, int input) {
        ElNivmf sim = new ElNivmf(3, form, n, 0.1);
        ProxyAnchorGuidance guidance = new ProxyAnchorGuidance(32, 0.1);
        double[] samples = fixedSamples(4, 3, 5);
        check(
                in -> {
                    NDArray x =
                            in.z()
                                    .getManager()
                                    .create(samples, new ai.djl.ndarray.types.Shape(4, 3, 5));
                    NDArray nca =
                            NcaLoss.perSample(sim.logitsFromSamples(x, in), in.labels()).mean();
                    return nca.add(guidance.of(in).mul(0.7));
                },
                input);
        if (input != 0) {
            check(in -> weighted(sim.scoresFromSamples(fixedSample(in, samples), in)), input);
        }
    }

    @ParameterizedTest(name = "el-nivmf through the seeded sampler wrt input {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3})
    void elNivmfGradientThroughTheSeededSamplerMatches(int input) {
        ProxyLoss loss = LossFactory.create("el-nivmf", PARAMS);
        long[] labels = PROBLEM.labels();
        Function<NDList, NDArray> f =
                preds -> {
                    // the same seed gives the same base noise, so the loss is a smooth function
                    Engine.getInstance().setRandomSeed(41);
                    return loss.evaluate(
                            new NDList(preds.get(0).getManager().create(labels)), preds);
                };
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.check(PROBLEM.predictions(m), f, input, 1e-5);
        }
    }

    static Stream<Arguments> elNivmfCases() {
        return Stream.of(NivmfForm.values())
                .flatMap(f -> Stream.of(Normaliser.values()).map(n -> Arguments.of(f, n)))
                .flatMap(
                        a ->
                                Stream.of(0, 1, 2, 3)
                                        .map(i -> Arguments.of(a.get()[0], a.get()[1], i)));
    }

    private static NDArray fixedSample(ProxyLossInputs in, double[] samples) {
        return in.z().getManager().create(samples, new ai.djl.ndarray.types.Shape(4, 3, 5));
    }

    static void checkLoss(String name, LossParameters p, int input) {
        ProxyLoss loss = LossFactory.create(name, p);
        long[] labels = PROBLEM.labels();
        Function<NDList, NDArray> f =
                preds -> loss.evaluate(new NDList(preds.get(0).getManager().create(labels)), preds);
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.check(PROBLEM.predictions(m), f, input, 1e-5);
        }
    }

    static void check(Function<ProxyLossInputs, NDArray> f, int input) {
        long[] labels = PROBLEM.labels();
        Function<NDList, NDArray> g =
                preds ->
                        f.apply(
                                ProxyLossInputs.of(
                                        new NDList(preds.get(0).getManager().create(labels)),
                                        preds,
                                        true));
        try (NDManager m = NDManager.newBaseManager()) {
            GradientCheck.check(PROBLEM.predictions(m), g, input, 1e-5);
        }
    }

    /** Σ_ic W_ic ℓ_ic with fixed W in [−1, 1], so every entry's gradient is exercised. */
    private static NDArray weighted(NDArray logits) {
        Random r = new Random(11);
        long n = logits.size();
        double[] w = new double[(int) n];
        for (int k = 0; k < n; k++) {
            w[k] = 2 * r.nextDouble() - 1;
        }
        return logits.mul(logits.getManager().create(w, logits.getShape())).sum();
    }

    /** Unit vectors [B, S, D], seeded. */
    static double[] fixedSamples(int b, int s, int d) {
        Random r = new Random(5);
        double[] x = new double[b * s * d];
        for (int row = 0; row < b * s; row++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                x[row * d + j] = r.nextGaussian();
                norm += x[row * d + j] * x[row * d + j];
            }
            for (int j = 0; j < d; j++) {
                x[row * d + j] /= Math.sqrt(norm);
            }
        }
        return x;
    }
}
