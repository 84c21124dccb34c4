package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.util.WireNames;

class ConfigHelpTest {
    @Test
    void everyLeafKeyHasARowWithADescription() {
        List<ConfigHelp.Row> rows = ConfigHelp.rows();
        assertThat(rows)
                .extracting(ConfigHelp.Row::key)
                .containsExactlyElementsOf(Schema.leafPaths(PdmlConfig.class, ""));
        assertThat(rows).allSatisfy(r -> assertThat(r.description()).isNotBlank());
        assertThat(rows.size()).isGreaterThan(80);
    }

    @Test
    void requiredKeysAreExactlyThoseWithoutABuiltInDefault() {
        assertThat(ConfigHelp.rows())
                .filteredOn(r -> r.defaultValue().equals("REQUIRED"))
                .extracting(ConfigHelp.Row::key)
                .containsExactly(
                        "name",
                        "seed",
                        "data.dataset",
                        "data.source",
                        "data.output",
                        "model.embedding_dim",
                        "train.epochs");
    }

    @Test
    void tableShowsTypesDefaultsAndDescriptions() {
        String table = ConfigHelp.render();
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("key\\s+type\\s+default\\s+description");
        assertThat(table)
                .containsPattern(
                        "train\\.optimizer\\.lr\\s+float\\s+1\\.0E-5\\s+Base learning rate")
                .containsPattern(
                        "train\\.optimizer\\.type\\s+enum\\s+adam\\s+Optimiser: adam\\|adamw\\|sgd")
                .containsPattern("tracking\\.mode\\s+enum\\s+on\\s")
                .containsPattern("data\\.emoji\\.vendors\\s+list<string>\\s+\\[google,twitter,")
                .containsPattern("eval\\.k_list\\s+list<int>\\s+\\[1,2,4,8\\]\\s")
                .containsPattern("tracking\\.uri\\s+string\\s+\\(none\\)\\s");
    }

    @Test
    void enumDescriptionsListTheirChoices() {
        List<String> enumKeys =
                ConfigHelp.rows().stream()
                        .filter(r -> r.type().equals("enum"))
                        .map(ConfigHelp.Row::key)
                        .toList();
        assertThat(enumKeys).hasSize(13);
        for (ConfigHelp.Row r : ConfigHelp.rows()) {
            if (r.type().equals("enum")) {
                String choices = Schema.typeName(fieldType(r.key()));
                assertThat(r.description()).as(r.key()).contains(choices);
            }
        }
    }

    private static java.lang.reflect.Type fieldType(String dotted) {
        Class<?> record = PdmlConfig.class;
        String[] parts = dotted.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            record = (Class<?>) Schema.field(record, parts[i]).type();
        }
        return Schema.field(record, parts[parts.length - 1]).type();
    }

    @Test
    void yamlKeysAreSnakeCaseOfComponents() {
        assertThat(WireNames.key("samplesPerClass")).isEqualTo("samples_per_class");
        assertThat(WireNames.key("kList")).isEqualTo("k_list");
        assertThat(WireNames.value(LossConfig.Name.EL_NIVMF)).isEqualTo("el-nivmf");
        assertThat(WireNames.constant(LossConfig.Normaliser.class, "paper-approx"))
                .isEqualTo(LossConfig.Normaliser.PAPER_APPROX);
        assertThat(WireNames.constant(LossConfig.Normaliser.class, "PAPER_APPROX")).isNull();
    }

    /**
     * Every enum key's choices come from its enum alone: the help lists exactly the values the
     * binder accepts, and no hand-written list in a {@link Doc} can drift from them.
     */
    @Test
    void everyEnumKeyListsExactlyItsEnumsValuesAndNoDocRepeatsThem() {
        int enums = 0;
        for (Schema.Field f : allLeaves(PdmlConfig.class)) {
            if (!(f.type() instanceof Class<?> c && c.isEnum())) {
                continue;
            }
            enums++;
            List<String> values = new java.util.ArrayList<>();
            for (Object constant : c.getEnumConstants()) {
                String v = WireNames.value((Enum<?>) constant);
                assertThat(WireNames.constant(c, v)).isSameAs(constant);
                values.add(v);
            }
            assertThat(f.doc().value()).as(f.key()).doesNotContain("|");
            assertThat(ConfigHelp.rows())
                    .filteredOn(r -> r.key().endsWith(f.key()) && r.type().equals("enum"))
                    .extracting(ConfigHelp.Row::description)
                    .anyMatch(d -> d.endsWith(": " + String.join("|", values)));
        }
        assertThat(enums).isGreaterThanOrEqualTo(12);
    }

    private static List<Schema.Field> allLeaves(Class<?> record) {
        List<Schema.Field> out = new java.util.ArrayList<>();
        for (Schema.Field f : Schema.fields(record)) {
            if (f.isSection()) {
                out.addAll(allLeaves((Class<?>) f.type()));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
