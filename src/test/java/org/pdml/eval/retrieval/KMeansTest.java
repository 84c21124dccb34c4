package org.pdml.eval.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pdml.eval.metrics.Nmi;
import org.pdml.testing.ClassManager;

/** k-means recovers well-separated clusters, is seeded, and survives degenerate inputs. */
class KMeansTest {
    @RegisterExtension static final ClassManager manager = new ClassManager();

    /** Four tight blobs at ±10 on two axes, 25 points each, labels = blob. */
    private static float[] blobs(long[] labels) {
        Random rng = new Random(3);
        float[][] centres = {{10, 0}, {-10, 0}, {0, 10}, {0, -10}};
        float[] x = new float[labels.length * 2];
        for (int i = 0; i < labels.length; i++) {
            int c = i % 4;
            labels[i] = c;
            x[2 * i] = centres[c][0] + (float) rng.nextGaussian() * 0.1f;
            x[2 * i + 1] = centres[c][1] + (float) rng.nextGaussian() * 0.1f;
        }
        return x;
    }

    @Test
    void recoversSeparatedBlobsExactly() {
        long[] labels = new long[100];
        float[] x = blobs(labels);
        KMeans.Result r = new KMeans(4, 20, 3, 42).fit(manager.get(), x, 2);
        assertThat(Nmi.compute(labels, r.assignments())).isEqualTo(1.0);
        // Inertia is the within-blob scatter: about 100 points × 2 dims × 0.1².
        assertThat(r.inertia()).isBetween(1.0, 3.0);
    }

    @Test
    void sameSeedSameClustersOnOverlappingData() {
        Random rng = new Random(5);
        float[] x = new float[300 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        KMeans.Result a = new KMeans(7, 20, 2, 9).fit(manager.get(), x, 4);
        KMeans.Result b = new KMeans(7, 20, 2, 9).fit(manager.get(), x, 4);
        assertThat(a.assignments()).containsExactly(b.assignments());
        assertThat(a.inertia()).isEqualTo(b.inertia());
        assertThat(java.util.Arrays.stream(a.assignments()).distinct().sorted().toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void fewerDistinctPointsThanClustersStillAssignsEveryPoint() {
        float[] x = {1, 1, 1, 1, 2, 2, 2, 2};
        KMeans.Result r = new KMeans(3, 5, 1, 0).fit(manager.get(), x, 2);
        assertThat(r.assignments()).hasSize(4);
        assertThat(r.inertia()).isEqualTo(0.0);
        assertThat(r.assignments()[0]).isEqualTo(r.assignments()[1]);
        assertThat(r.assignments()[2]).isEqualTo(r.assignments()[3]);
    }

    @Test
    void moreClustersThanPointsIsRejected() {
        assertThatThrownBy(() -> new KMeans(3, 5, 1, 0).fit(manager.get(), new float[] {1, 2}, 1))
                .hasMessageContaining("N >= K");
    }
}
