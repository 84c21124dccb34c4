package org.pdml.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every config key is read by something outside the config package: for each leaf of the schema,
 * some production class in another package calls its record accessor (checked on the compiled
 * classes, so a key that is only validated, documented and hashed into fingerprints fails here — as
 * {@code data.min_instances_per_class}, {@code data.emoji.background} and {@code eval.ece_bins}
 * once were).
 *
 * <p>Keys whose readers go through a typed helper inside {@code config} (a section's own method
 * that the stages call) count when a class outside {@code config} calls that helper; such keys are
 * listed in {@link #READ_THROUGH_CONFIG} with the helper. The test found {@code model.pretrained}
 * read by the validator alone: the reference recipes set it with {@code backbone: resnet50} and got
 * a randomly initialised network; the key is gone and the recipes use the TorchScript backbone.
 */
class EveryConfigKeyIsReadTest {
    private static JavaClasses classes;

    /** Keys read by a config-package helper that stages call, with that helper's name. */
    private static final java.util.Map<String, String> READ_THROUGH_CONFIG =
            java.util.Map.of("device", "deviceRequest", "libtorch", "libtorchRequest");

    @BeforeAll
    static void importClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.pdml");
    }

    @Test
    void everyLeafKeyIsReadOutsideTheConfigPackage() {
        List<String> unread = new ArrayList<>();
        int leaves = walk(PdmlConfig.class, "", unread);
        assertThat(leaves).isGreaterThan(80);
        assertThat(unread).as("config keys that nothing outside org.pdml.config reads").isEmpty();
    }

    private static int walk(Class<?> record, String prefix, List<String> unread) {
        int n = 0;
        for (Schema.Field f : Schema.fields(record)) {
            if (f.isSection()) {
                n += walk((Class<?>) f.type(), prefix + f.key() + ".", unread);
                continue;
            }
            n++;
            String accessor = READ_THROUGH_CONFIG.getOrDefault(f.key(), f.component().getName());
            if (!readOutsideConfig(record, accessor)) {
                unread.add(prefix + f.key());
            }
        }
        return n;
    }

    private static boolean readOutsideConfig(Class<?> record, String accessor) {
        JavaClass owner = classes.get(record);
        JavaMethod method = owner.getMethod(accessor);
        return method.getCallsOfSelf().stream()
                .map(call -> call.getOriginOwner().getPackageName())
                .anyMatch(pkg -> !pkg.equals("org.pdml.config"));
    }
}
