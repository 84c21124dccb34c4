package org.pdml.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedsTest {
    /**
     * Expected values computed independently with Python's hashlib: {@code struct.unpack('>q',
     * hashlib.sha256(b'pdml.seed.v1|42|train.sampler').digest()[:8])[0]}.
     */
    @Test
    void derivationMatchesAnIndependentSha256() {
        Seeds seeds = new Seeds(42);
        assertThat(seeds.seed(Seeds.Purpose.SAMPLER)).isEqualTo(-5385161622723176979L);
        assertThat(seeds.seed(Seeds.Purpose.SAMPLER, 3)).isEqualTo(29366732039623541L);
        assertThat(new Seeds(-7).seed(Seeds.Purpose.DATA_SPLIT)).isEqualTo(-626371296448392915L);
        // (-5385161622723176979 mod 2^64) >> 33, by Python.
        assertThat(seeds.intSeed(Seeds.Purpose.SAMPLER)).isEqualTo(1520568324);
    }

    @Test
    void purposesIndicesAndRootsGiveDistinctSeeds() {
        Set<Long> all = new HashSet<>();
        for (long root = 0; root < 3; root++) {
            Seeds seeds = new Seeds(root);
            for (Seeds.Purpose p : Seeds.Purpose.values()) {
                all.add(seeds.seed(p));
                for (int worker = 0; worker < 4; worker++) {
                    all.add(seeds.seed(p, worker));
                }
            }
        }
        assertThat(all).hasSize(3 * Seeds.Purpose.values().length * 5);
    }

    @Test
    void generatorsReplayFromTheSameRootAndIssuedSeedsAreRecorded() {
        SplittableRandom a = new Seeds(5).random(Seeds.Purpose.AUGMENTATION, 1);
        SplittableRandom b = new Seeds(5).random(Seeds.Purpose.AUGMENTATION, 1);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
        Seeds seeds = new Seeds(5);
        long init = seeds.seed(Seeds.Purpose.MODEL_INIT);
        seeds.random(Seeds.Purpose.AUGMENTATION, 2);
        assertThat(seeds.issued())
                .containsOnlyKeys("model.init", "train.augmentation|2")
                .containsEntry("model.init", init);
        assertThat(seeds.issued().firstKey()).isEqualTo("model.init");
    }
}
