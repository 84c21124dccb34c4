package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {
    @Test
    void levenshteinMatchesHandComputedDistances() {
        assertThat(KeySuggester.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggester.distance("optimiser", "optimizer")).isEqualTo(1);
        assertThat(KeySuggester.distance("", "abc")).isEqualTo(3);
        assertThat(KeySuggester.distance("flaw", "lawn")).isEqualTo(2);
    }

    @Test
    void suggestsTheClosestSiblingAndKeepsTheTailWhenItExists() {
        assertThat(KeySuggester.unknownKey("f", TrainConfig.class, "train.", List.of("epoch")))
                .isEqualTo("f: unknown key 'train.epoch' (did you mean 'train.epochs'?)");
        assertThat(
                        KeySuggester.unknownKey(
                                "f", TrainConfig.class, "train.", List.of("optimiser", "nope")))
                .isEqualTo(
                        "f: unknown key 'train.optimiser.nope' (did you mean 'train.optimizer'?)");
        assertThat(KeySuggester.unknownKey("f", PdmlConfig.class, "", List.of("zzzzzz")))
                .isEqualTo("f: unknown key 'zzzzzz'");
    }
}
