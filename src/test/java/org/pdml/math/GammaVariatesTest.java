package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pdml.testing.ClassManager;

/**
 * Marsaglia–Tsang gamma draws against closed forms: the Gamma(α, 1) mean and variance (both α), and
 * the law of G₁/(G₁ + G₂) ~ Beta(α, α), whose CDF is closed-form for α = ½, 1 and 3/2, by a
 * Kolmogorov–Smirnov test (the α &lt; 1 boost, the boundary α = 1, and the main path).
 */
class GammaVariatesTest {

    private static final int N = 20_000;

    /** The KS critical value at level 0.001 for n draws: 1.95/√n. */
    private static final double KS_CRITICAL = 1.95 / Math.sqrt(N);

    @RegisterExtension static final ClassManager manager = new ClassManager();

    @BeforeAll
    static void seed() {
        Engine.getInstance().setRandomSeed(11);
    }

    @Test
    void meanAndVarianceMatchTheGammaLawWithinFourStandardErrors() {
        for (double alpha : new double[] {0.5, 1, 1.5, 7.5, 63.5, 255.5, 2047.5}) {
            double[] g = GammaVariates.draw(manager.get(), N, alpha);
            double mean = Arrays.stream(g).average().orElseThrow();
            double variance = Arrays.stream(g).map(x -> (x - mean) * (x - mean)).sum() / (N - 1);
            // Gamma(α, 1): mean α, variance α, fourth central moment 3α(α + 2).
            double meanError = Math.sqrt(alpha / N);
            double varianceError = Math.sqrt((3 * alpha * (alpha + 2) - alpha * alpha) / N);
            assertThat(Math.abs(mean - alpha)).as("mean, α=%s", alpha).isLessThan(4 * meanError);
            assertThat(Math.abs(variance - alpha))
                    .as("variance, α=%s", alpha)
                    .isLessThan(4 * varianceError);
            assertThat(Arrays.stream(g).allMatch(x -> x > 0)).isTrue();
        }
    }

    @Test
    void ratiosFollowTheBetaLawByKolmogorovSmirnov() {
        assertBeta(0.5, x -> 2 / Math.PI * Math.asin(Math.sqrt(x)));
        assertBeta(1, x -> x);
        assertBeta(
                1.5,
                x ->
                        2 / Math.PI * (2 * x - 1) * Math.sqrt(x - x * x)
                                + Math.asin(2 * x - 1) / Math.PI
                                + 0.5);
    }

    @Test
    void theKolmogorovSmirnovCheckDetectsAWrongShape() {
        // Beta(1.5, 1.5) draws tested as uniform: must fail, or the test above proves nothing.
        assertThat(ks(ratios(1.5), x -> x)).isGreaterThan(KS_CRITICAL);
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        Engine.getInstance().setRandomSeed(5);
        double[] first = GammaVariates.draw(manager.get(), 100, 3.5);
        Engine.getInstance().setRandomSeed(5);
        assertThat(GammaVariates.draw(manager.get(), 100, 3.5)).containsExactly(first);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> GammaVariates.draw(manager.get(), -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GammaVariates.draw(manager.get(), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GammaVariates.draw(manager.get(), 3, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(GammaVariates.draw(manager.get(), 0, 2)).isEmpty();
    }

    private static void assertBeta(double alpha, DoubleUnaryOperator cdf) {
        assertThat(ks(ratios(alpha), cdf)).as("KS, α=%s", alpha).isLessThan(KS_CRITICAL);
    }

    private static double[] ratios(double alpha) {
        double[] g = GammaVariates.draw(manager.get(), 2 * N, alpha);
        double[] e = new double[N];
        for (int i = 0; i < N; i++) {
            e[i] = g[2 * i] / (g[2 * i] + g[2 * i + 1]);
        }
        return e;
    }

    private static double ks(double[] sample, DoubleUnaryOperator cdf) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        double worst = 0;
        for (int i = 0; i < sorted.length; i++) {
            double f = cdf.applyAsDouble(sorted[i]);
            worst = Math.max(worst, Math.max((i + 1.0) / sorted.length - f, f - i / (double) N));
        }
        return worst;
    }
}
