package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.InspectionFormatter;
import org.pdml.artifacts.Problem;
import org.pdml.artifacts.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pdml inspect <dir>}: verifies an examples folder (every record's CRCs, every shard's
 * SHA-256, size and record count, the class counts) and prints counts per split and class. Exits 0
 * when intact, 1 when any problem is found (each printed to stderr with shard and offset).
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Verify an examples folder and print counts per split and class.")
public final class InspectCommand implements Callable<Integer> {
    /** Exit status when the folder is damaged or incomplete. */
    public static final int CORRUPT = 1;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<dir>", description = "The examples folder.")
    Path dir;

    @Option(
            names = "--top",
            defaultValue = "10",
            description =
                    "Classes listed per split, most records first (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--all-classes", description = "List every class.")
    boolean allClasses;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExamplesArtifact artifact = ExamplesArtifact.at(dir);
        VerificationReport report = artifact.verify();
        out.println("examples " + dir.toAbsolutePath());
        if (report.manifest().isPresent()) {
            int classes = allClasses ? Integer.MAX_VALUE : top;
            InspectionFormatter.write(report.manifest().get(), report, classes, out);
        }
        out.flush();
        if (report.ok()) {
            return 0;
        }
        err.println("CORRUPT: " + report.problems().size() + " problem(s) in " + dir);
        for (Problem p : report.problems()) {
            err.println("  " + p);
        }
        err.flush();
        return CORRUPT;
    }
}
