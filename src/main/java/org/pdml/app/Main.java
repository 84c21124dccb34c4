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
            RunCommand.class,
            SweepCommand.class,
            PruneCommand.class,
            FingerprintCommand.class,
            EmbedCommand.class,
            EngineCommand.class
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
        cli.setExecutionExceptionHandler(Main::report);
        return cli;
    }

    /** Exit status of a command that failed with an error. */
    public static final int FAILED = 1;

    /**
     * Prints a failed command's error chain as one readable line per cause instead of a stack trace
     * (set {@code PDML_DEBUG=1} for the trace), and returns {@link #FAILED}.
     */
    private static int report(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("error: " + e);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            cmd.getErr().println("  caused by: " + c);
        }
        if (System.getenv("PDML_DEBUG") != null) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return FAILED;
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
