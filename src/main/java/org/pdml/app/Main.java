package org.pdml.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pdml} command line: the only composition root. Each subcommand is a small class in
 * this package that wires a stage from the other packages; no logic lives here.
 */
@Command(
        name = "pdml",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Probabilistic proxy-based deep metric learning (EL-nivMF).",
        subcommands = {
            CommandLine.HelpCommand.class,
            MetricsCommand.class,
            InspectCommand.class,
            ConfigCommand.class,
            PreprocessCommand.class,
            TrackingCommand.class,
            MlflowCommand.class,
            PromoteCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            RunCommand.class
        })
public final class Main {

    /**
     * Builds the command line with all subcommands registered.
     *
     * @return a picocli command line ready to execute
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * Runs the CLI and exits with the subcommand's status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
