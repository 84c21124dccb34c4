package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pdml.config.ConfigException;
import org.pdml.config.ConfigHelp;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdml config show|help}: prints a resolved config or the table of config keys. Wiring only;
 * loading and validation live in {@code org.pdml.config}.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Show a resolved config, or list every config key.",
        subcommands = {ConfigCommand.Show.class, ConfigCommand.Help.class})
public final class ConfigCommand implements Runnable {
    /** Exit status for an invalid config or override. */
    public static final int INVALID_CONFIG = 2;

    @Spec private CommandSpec spec;

    /** Prints the usage: {@code config} needs a subcommand. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pdml config show --config f.yaml [--hash] [key=value …]}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "Print the resolved config as YAML (or only its SHA-256 with --hash).")
    public static final class Show implements Callable<Integer> {
        @Spec private CommandSpec spec;

        @Option(names = "--config", required = true, description = "Config YAML file.")
        private Path config;

        @Option(names = "--hash", description = "Print only the canonical SHA-256 of the config.")
        private boolean hashOnly;

        @Parameters(
                paramLabel = "key=value",
                arity = "0..*",
                description = "Overrides with dotted keys, e.g. train.optimizer.lr=1e-5.")
        private List<String> overrides = new ArrayList<>();

        /**
         * Loads and prints the config.
         *
         * @return 0, or {@link #INVALID_CONFIG} with the error on stderr
         */
        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                ResolvedConfig resolved = ConfigLoader.load(config, overrides);
                out.print(hashOnly ? resolved.hash() + System.lineSeparator() : resolved.toYaml());
                out.flush();
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return INVALID_CONFIG;
            }
        }
    }

    /** {@code pdml config help}: the table of keys, types, defaults and descriptions. */
    @Command(
            name = "help",
            mixinStandardHelpOptions = true,
            description = "List every config key with its type, default and description.")
    public static final class Help implements Callable<Integer> {
        @Spec private CommandSpec spec;

        /**
         * Prints the table.
         *
         * @return 0
         */
        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ConfigHelp.render());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
