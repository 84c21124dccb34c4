package org.pdml.eval.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pdml.testing.ClassManager;

/** Exact kNN against a brute-force double-precision oracle sorted by (−score, index). */
class ExactKnnTest {
    @RegisterExtension static final ClassManager manager = new ClassManager();

    /** The oracle: every gallery item except self, sorted by (−score, index), first k. */
    private static int[] oracle(double[] scores, int self, int k) {
        return IntStream.range(0, scores.length)
                .filter(g -> g != self)
                .boxed()
                .sorted(
                        Comparator.<Integer>comparingDouble(g -> -scores[g])
                                .thenComparingInt(g -> g))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] allSelf(int n) {
        return IntStream.range(0, n).toArray();
    }

    @Test
    void l2OnSmallIntegersBreaksEveryTieByLowerIndex() {
        // Coordinates in {-1, 0, 1}, D = 3: only 27 distinct points among 200, so ties abound
        // and every score 2qᵀg − ‖q‖² − ‖g‖² is an exact small integer in float32.
        Random rng = new Random(7);
        int n = 200;
        int d = 3;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(3) - 1;
        }
        int k = 30; // beyond k + 1 + SLACK ties: exercises the full-row fallback too
        Neighbours got =
                new ExactKnn(Similarity.NEGATIVE_SQUARED_L2, k, 17)
                        .search(manager.get(), x, x, d, allSelf(n));
        for (int q = 0; q < n; q++) {
            double[] s = new double[n];
            for (int g = 0; g < n; g++) {
                for (int j = 0; j < d; j++) {
                    double diff = x[q * d + j] - x[g * d + j];
                    s[g] -= diff * diff;
                }
            }
            int[] want = oracle(s, q, k);
            int[] have = Arrays.copyOfRange(got.indices(), q * k, (q + 1) * k);
            assertThat(have).as("query %d", q).containsExactly(want);
            assertThat(got.score(q, 0)).isEqualTo((float) s[want[0]]);
        }
    }

    @Test
    void cosineMatchesTheOracleAndIsIndependentOfBlockSize() {
        Random rng = new Random(11);
        int nq = 37;
        int ng = 150;
        int d = 16;
        float[] q = gaussian(rng, nq * d);
        float[] g = gaussian(rng, ng * d);
        int[] noSelf = new int[nq];
        Arrays.fill(noSelf, -1);
        Neighbours a =
                new ExactKnn(Similarity.COSINE, 12, 5).search(manager.get(), q, g, d, noSelf);
        Neighbours b =
                new ExactKnn(Similarity.COSINE, 12, 0).search(manager.get(), q, g, d, noSelf);
        assertThat(a.indices()).containsExactly(b.indices());
        for (int i = 0; i < nq; i++) {
            double[] s = new double[ng];
            for (int j = 0; j < ng; j++) {
                s[j] = cosine(q, i, g, j, d);
            }
            int[] have = Arrays.copyOfRange(a.indices(), i * 12, (i + 1) * 12);
            assertThat(have).containsExactly(oracle(s, -1, 12));
            assertThat((double) a.score(i, 0))
                    .isCloseTo(s[have[0]], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void duplicatesOfTheQueryRankFirstButTheQueryItselfNever() {
        float[] x = {1, 0, 0, 1, 1, 0, 1, 0, 0.6f, 0.8f};
        // Rows 0, 2 and 3 are the same point; row 2's nearest are 0 and 3, not itself.
        Neighbours n =
                new ExactKnn(Similarity.COSINE, 3, 0).search(manager.get(), x, x, 2, allSelf(5));
        assertThat(Arrays.copyOfRange(n.indices(), 6, 9)).containsExactly(0, 3, 4);
        assertThat(Arrays.copyOfRange(n.indices(), 0, 3)).containsExactly(2, 3, 4);
        assertThat(n.labels(new long[] {7, 8, 9, 10, 11})[2]).containsExactly(7, 10, 11);
    }

    @Test
    void kLargerThanTheOthersIsRejected() {
        float[] x = {1, 0, 0, 1};
        assertThatThrownBy(
                        () ->
                                new ExactKnn(Similarity.COSINE, 2, 0)
                                        .search(manager.get(), x, x, 2, allSelf(2)))
                .hasMessageContaining("k = 2 exceeds the 1 gallery items");
    }

    private static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static double cosine(float[] a, int i, float[] b, int j, int d) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int t = 0; t < d; t++) {
            dot += (double) a[i * d + t] * b[j * d + t];
            na += (double) a[i * d + t] * a[i * d + t];
            nb += (double) b[j * d + t] * b[j * d + t];
        }
        return dot / Math.sqrt(na * nb);
    }
}
