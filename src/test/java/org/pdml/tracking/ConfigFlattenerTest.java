package org.pdml.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFlattenerTest {

    @Test
    void nestedMapsAndListsBecomeDottedKeysInOrder() {
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("name", "adamw");
        opt.put("lr", 1e-4);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("train", Map.of("optimizer", opt));
        config.put("splits", List.of("train", "val"));
        config.put("seed", 7);
        config.put("resume", Arrays.asList((Object) null));

        ConfigFlattener.Flattened f = ConfigFlattener.flatten(config);

        assertThat(f.params())
                .containsExactly(
                        Map.entry("train.optimizer.name", "adamw"),
                        Map.entry("train.optimizer.lr", "1.0E-4"),
                        Map.entry("splits.0", "train"),
                        Map.entry("splits.1", "val"),
                        Map.entry("seed", "7"),
                        Map.entry("resume.0", "null"));
        assertThat(f.truncatedKeys()).isEmpty();
    }

    @Test
    void valuesOverMlflowsLimitAreShortenedAndNoted() {
        String exact = "a".repeat(6000);
        String over = "b".repeat(6001);
        ConfigFlattener.Flattened f = ConfigFlattener.flatten(Map.of("exact", exact, "over", over));
        assertThat(f.params().get("exact")).isEqualTo(exact);
        assertThat(f.params().get("over"))
                .hasSize(6000)
                .endsWith("...[truncated]")
                .startsWith("b".repeat(6000 - "...[truncated]".length()));
        assertThat(f.truncatedKeys()).containsExactly("over");
    }

    @Test
    void longKeysStayUniqueWithinTheLimit() {
        String stem = "k".repeat(300);
        ConfigFlattener.Flattened f =
                ConfigFlattener.flatten(Map.of(stem + "1", "x", stem + "2", "y"));
        assertThat(f.params()).hasSize(2);
        assertThat(f.params().keySet()).allSatisfy(k -> assertThat(k).hasSize(250));
        assertThat(f.truncatedKeys()).hasSize(2);
    }
}
