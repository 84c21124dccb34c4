package org.pdml.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    /**
     * Expected values computed independently with Python's hashlib and integer arithmetic: {@code
     * struct.unpack('>q', hashlib.sha256(b'pdml.seed.v1|42|train.sampler').digest()[:8])[0]} for a
     * stream, and the SplitMix64 chain of the class Javadoc over it for coordinates. The
     * augmentation value also equals what the former {@code org.pdml.data.Seeds.derive(stream, 1,
     * 2, 3)} gave, so sampler and augmentation draws are unchanged by the merge of the two classes.
     */
    @Test
    void derivationMatchesAnIndependentImplementation() {
        Seeds seeds = new Seeds(42);
        assertThat(seeds.seed(Seeds.Purpose.SAMPLER)).isEqualTo(-5385161622723176979L);
        assertThat(new Seeds(-7).seed(Seeds.Purpose.DATA_SPLIT)).isEqualTo(-626371296448392915L);
        // (-5385161622723176979 mod 2^64) >> 33, by Python.
        assertThat(seeds.intSeed(Seeds.Purpose.SAMPLER)).isEqualTo(1520568324);
        assertThat(seeds.seed(Seeds.Purpose.SAMPLER, 3)).isEqualTo(-1154551558114227745L);
        assertThat(seeds.seed(Seeds.Purpose.AUGMENTATION, 1, 2, 3))
                .isEqualTo(-6243143597689425532L);
        assertThat(seeds.seed(Seeds.Purpose.LOSS_SAMPLING, 7)).isEqualTo(-4590946860797171935L);
    }

    @Test
    void purposesCoordinatesAndRootsGiveDistinctSeeds() {
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
        Seeds seeds = new Seeds(1);
        assertThat(seeds.seed(Seeds.Purpose.SAMPLER, 0, 1))
                .isNotEqualTo(seeds.seed(Seeds.Purpose.SAMPLER, 1, 0));
        assertThatThrownBy(() -> seeds.seed(Seeds.Purpose.SAMPLER, new long[0]))
                .hasMessageContaining("no coordinates");
    }

    /**
     * Every purpose is a named stream in {@link Seeds#streams()}, whatever was drawn; the same root
     * gives the same streams (and equal instances), another root differs in every stream.
     */
    @Test
    void streamsNameEveryPurposeAndFollowOnlyTheRoot() {
        Seeds seeds = new Seeds(5);
        assertThat(seeds.streams())
                .containsOnlyKeys(
                        Arrays.stream(Seeds.Purpose.values()).map(Seeds.Purpose::key).toList());
        for (Seeds.Purpose p : Seeds.Purpose.values()) {
            assertThat(seeds.streams()).containsEntry(p.key(), seeds.seed(p));
        }
        assertThat(new Seeds(5).streams()).isEqualTo(seeds.streams());
        assertThat(new Seeds(5)).isEqualTo(seeds).hasSameHashCodeAs(seeds);
        Seeds other = new Seeds(6);
        seeds.streams()
                .forEach(
                        (stream, seed) ->
                                assertThat(other.streams().get(stream))
                                        .as(stream)
                                        .isNotEqualTo(seed));
    }
}
