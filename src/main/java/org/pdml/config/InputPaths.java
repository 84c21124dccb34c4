package org.pdml.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pdml.util.WireNames;

/**
 * Checks that the local inputs a stage reads exist, before the stage does any work. Remote paths
 * ({@code scheme://…}, e.g. {@code gs://}) are left to the stage's file system.
 */
public final class InputPaths {
    /** Pipeline stages, in order. */
    public enum Stage {
        /** Reads {@code data.source}. */
        PREPROCESS,
        /** Reads {@code data.output} and, when set, {@code model.torchscript_path}. */
        TRAIN,
        /** Reads {@code data.output}. */
        EVALUATE
    }

    private InputPaths() {}

    /**
     * Checks the inputs of one stage.
     *
     * @param resolved the config
     * @param stage the stage about to run
     * @throws ConfigException naming the config file, the key and the path that is missing
     */
    public static void check(ResolvedConfig resolved, Stage stage) {
        PdmlConfig c = resolved.config();
        Violations v = new Violations();
        if (stage == Stage.PREPROCESS) {
            exists(c.data().source(), "data.source", v);
        } else {
            exists(c.data().output(), "data.output", v);
        }
        if (stage == Stage.TRAIN && c.model().torchscriptPath() != null) {
            exists(c.model().torchscriptPath(), "model.torchscript_path", v);
        }
        v.throwIfAny(resolved.source() + " (" + WireNames.value(stage) + ")");
    }

    /**
     * Tells whether a location is remote ({@code scheme://…}, e.g. {@code gs://bucket/prefix})
     * rather than a local path.
     *
     * @param location a config path value
     * @return true for a URL with a scheme
     */
    public static boolean isRemote(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]*://.*");
    }

    private static void exists(String location, String key, Violations v) {
        if (isRemote(location)) {
            return;
        }
        Path path = Path.of(location);
        v.require(
                Files.exists(path),
                key,
                "names a path that does not exist: " + path.toAbsolutePath());
    }
}
