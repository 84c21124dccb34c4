package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;

/** Runs pdml's CLI in-process for tests, capturing what it prints. */
final class Cli {
    private Cli() {}

    /** A finished command: exit status, standard output and standard error. */
    record Result(int status, String out, String err) {}

    /**
     * Runs one command line.
     *
     * @param args the arguments, subcommand first
     * @return status and output
     */
    static Result run(String... args) {
        return runCommand(Main.commandLine(), args);
    }

    /**
     * Runs one command line of a command object that is not {@code Main}'s (say, a command built
     * with a test's collaborators).
     *
     * @param command a picocli command object, or a {@link CommandLine}
     * @param args the arguments
     * @return status and output
     */
    static Result runCommand(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = command instanceof CommandLine c ? c : new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    /**
     * Runs one command line, appending its standard output and error to {@code out} and {@code
     * err}, so that several commands leave one transcript.
     *
     * @param out receives the standard output
     * @param err receives the standard error
     * @param args the arguments, subcommand first
     * @return the exit status
     */
    static int execute(StringWriter out, StringWriter err, String... args) {
        Result r = run(args);
        out.write(r.out());
        err.write(r.err());
        return r.status();
    }

    /**
     * As {@link #execute(StringWriter, StringWriter, String...)}, with the standard output dropped.
     *
     * @param err receives the standard error
     * @param args the arguments, subcommand first
     * @return the exit status
     */
    static int execute(StringWriter err, String... args) {
        return execute(new StringWriter(), err, args);
    }

    /**
     * Runs one command line and requires exit status 0, failing with its error output.
     *
     * @param args the arguments, subcommand first
     * @return status and output
     */
    static Result ok(String... args) {
        Result r = run(args);
        assertThat(r.status()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }

    /**
     * Runs {@code pdml run} on the tiny smoke config ({@code configs/smoke/folder-tiny.yaml}) with
     * the image folder {@code tmp/images}, the shards {@code tmp/shards} and the runs root {@code
     * tmp/runs}.
     *
     * @param tmp the folder
     * @param more further arguments, e.g. overrides {@code tracking.mode=on}
     * @return the result, status not checked
     */
    static Result runTiny(Path tmp, String... more) {
        String[] base = {
            "run",
            "--config",
            "configs/smoke/folder-tiny.yaml",
            "data.source=" + tmp.resolve("images"),
            "data.output=" + tmp.resolve("shards"),
            "runs_root=" + tmp.resolve("runs")
        };
        return run(concat(base, more));
    }

    /**
     * The arguments that train the tiny smoke config ({@code configs/smoke/folder-tiny.yaml}, one
     * epoch) on an examples folder, for the in-process CLI or a packaged image's entrypoint.
     *
     * @param examples the examples folder
     * @param out the run folder
     * @param more further flags, e.g. {@code --tracking off}
     * @return the command line, subcommand first
     */
    static String[] trainTinyArgs(Path examples, Path out, String... more) {
        String[] base = {
            "train",
            "--config",
            "configs/smoke/folder-tiny.yaml",
            "--examples",
            examples.toString(),
            "--out",
            out.toString()
        };
        return concat(base, more);
    }

    /**
     * Trains the tiny smoke config ({@code configs/smoke/folder-tiny.yaml}, one epoch, tracking
     * off) on an examples folder.
     *
     * @param examples the examples folder
     * @param out the run folder
     * @param flags further flags, e.g. {@code --resume}
     * @return the result, status not checked
     */
    static Result trainTiny(Path examples, Path out, String... flags) {
        return run(trainTinyArgs(examples, out, concat(new String[] {"--tracking", "off"}, flags)));
    }

    /**
     * Runs {@code pdml embed} with {@code .npy} output and requires exit status 0.
     *
     * @param model the model folder
     * @param images the images folder
     * @param out the output folder ({@code embeddings.npy}, {@code ids.txt})
     * @return status and output
     */
    static Result embedNpy(Path model, Path images, Path out) {
        return ok(
                "embed",
                "--model",
                model.toString(),
                "--images",
                images.toString(),
                "--format",
                "npy",
                "--out",
                out.toString());
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
