package org.pdml.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code --config} file and {@code key=value} overrides of the config-driven commands. */
final class ConfigArgs {
    @Option(names = "--config", required = true, description = "Experiment config YAML.")
    Path config;

    @Parameters(
            paramLabel = "key=value",
            arity = "0..*",
            description = "Config overrides with dotted keys, e.g. train.epochs=5.")
    List<String> overrides = new ArrayList<>();

    /**
     * Loads and validates the config; on failure prints the error (it names the file and the full
     * key path) to the command's error stream.
     *
     * @param spec the running command
     * @return the resolved config, or empty after an error was printed
     */
    Optional<ResolvedConfig> load(CommandSpec spec) {
        return load(spec, List.of());
    }

    /**
     * Loads and validates the config with {@code extra} overrides applied after the positional ones
     * (flags such as {@code --device} that stand for a key); on failure prints the error.
     *
     * @param spec the running command
     * @param extra further {@code key=value} overrides
     * @return the resolved config, or empty after an error was printed
     */
    Optional<ResolvedConfig> load(CommandSpec spec, List<String> extra) {
        try {
            return Optional.of(ConfigLoader.load(config, overrides(extra)));
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The overrides in the order they are applied: the positional ones, then {@code extra}.
     *
     * @param extra further {@code key=value} overrides (flags that stand for a key)
     * @return a new list
     */
    List<String> overrides(List<String> extra) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(extra);
        return all;
    }
}
