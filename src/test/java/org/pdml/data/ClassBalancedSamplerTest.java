package org.pdml.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.provenance.Seeds;

/** class_random: structure, class balance, determinism and exact resume. */
class ClassBalancedSamplerTest {

    /** Class 0 has 50 images, classes 1–4 two each: N = 58. */
    private static int[] imbalancedLabels() {
        int[] labels = new int[58];
        for (int i = 50; i < 58; i++) {
            labels[i] = 1 + (i - 50) / 2;
        }
        return labels;
    }

    @Test
    void batchesAreGroupsOfSameClassIndicesAndEpochIsFloorNOverB() {
        int[] labels = imbalancedLabels();
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 8, 2, new Seeds(1));
        assertThat(sampler.batchesPerEpoch()).isEqualTo(58 / 8);
        List<int[]> epoch = new ArrayList<>();
        while (sampler.hasNextInEpoch()) {
            epoch.add(sampler.next());
        }
        assertThat(epoch).hasSize(7);
        for (int[] batch : epoch) {
            assertThat(batch).hasSize(8);
            for (int k = 0; k < 8; k += 2) {
                assertThat(labels[batch[k]]).isEqualTo(labels[batch[k + 1]]);
            }
        }
    }

    @Test
    void classesAreDrawnUniformlyRegardlessOfTheirSize() {
        int[] labels = imbalancedLabels();
        ClassBalancedSampler sampler = new ClassBalancedSampler(labels, 8, 2, new Seeds(5));
        int[] draws = new int[5];
        int total = 0;
        for (int epoch = 0; epoch < 300; epoch++) {
            for (int b = 0; b < sampler.batchesPerEpoch(); b++) {
                int[] batch = sampler.batch(epoch, b);
                for (int k = 0; k < batch.length; k += 2) {
                    draws[labels[batch[k]]]++;
                    total++;
                }
            }
        }
        // Binomial(n, 1/5): each count within 5 standard deviations of n/5.
        double sigma = Math.sqrt(total * 0.2 * 0.8);
        for (int count : draws) {
            assertThat((double) count).isBetween(total / 5.0 - 5 * sigma, total / 5.0 + 5 * sigma);
        }
    }

    @Test
    void sameSeedSameBatchesAndResumeFromSavedPositionIsExact() {
        int[] labels = imbalancedLabels();
        ClassBalancedSampler a = new ClassBalancedSampler(labels, 8, 4, new Seeds(42));
        a.startEpoch(3);
        a.next();
        a.next();
        String saved = a.position().encode();
        int[] expected = a.next();
        ClassBalancedSampler b = new ClassBalancedSampler(labels, 8, 4, new Seeds(42));
        b.seek(ClassBalancedSampler.Position.parse(saved));
        assertThat(b.next()).isEqualTo(expected);
        assertThat(new ClassBalancedSampler(labels, 8, 4, new Seeds(43)).batch(3, 2))
                .isNotEqualTo(expected);
        assertThat(a.batch(3, 2)).isEqualTo(expected).isNotEqualTo(a.batch(4, 2));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new ClassBalancedSampler(imbalancedLabels(), 8, 3, new Seeds(0)))
                .hasMessageContaining("3")
                .hasMessageContaining("8");
        assertThatThrownBy(() -> new ClassBalancedSampler(new int[4], 8, 2, new Seeds(0)))
                .hasMessageContaining("smaller");
        assertThatThrownBy(() -> ClassBalancedSampler.Position.parse("x:1"))
                .hasMessageContaining("x:1");
    }
}
