package org.pdml.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.pipeline.RunsRootLock;
import org.pdml.pipeline.StagePruner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml prune --runs-root DIR [--keep-runs N] [--stale-hours H] [--dry-run]}: removes the
 * stage folders that the newest runs of each experiment no longer name. Wiring only: {@link
 * StagePruner} decides.
 */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description =
                "Remove the stage folders (checkpoints, models, embeddings) that the newest runs of"
                        + " each experiment do not use. Run folders are kept. Refused while a pdml"
                        + " run is using the runs root.")
public final class PruneCommand implements Callable<Integer> {
    /** Exit status while a {@code pdml run} holds the runs root's lock. */
    static final int RUN_IN_PROGRESS = 3;

    @Spec private CommandSpec spec;

    @Option(names = "--runs-root", required = true, description = "The config's runs_root.")
    private Path runsRoot;

    @Option(
            names = "--keep-runs",
            defaultValue = "5",
            description =
                    "Newest runs per experiment whose stages are kept (default: ${DEFAULT-VALUE}).")
    private int keepRuns;

    @Option(
            names = "--stale-hours",
            defaultValue = "24",
            description =
                    "Keep an unfinished stage folder (no stage.json) changed within this many hours,"
                            + " as a run may be writing or resuming it (default: ${DEFAULT-VALUE}).")
    private double staleHours;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    private boolean dryRun;

    /**
     * Plans, prints and (unless {@code --dry-run}) applies the prune.
     *
     * @return 0; 2 for a negative {@code --keep-runs} or {@code --stale-hours}; {@link
     *     #RUN_IN_PROGRESS} while a run holds the runs root's lock
     * @throws java.io.IOException if the runs root cannot be read or a folder cannot be deleted
     */
    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (keepRuns < 0 || staleHours < 0) {
            spec.commandLine()
                    .getErr()
                    .println("error: --keep-runs and --stale-hours must be >= 0");
            return 2;
        }
        Optional<RunsRootLock> lock = RunsRootLock.tryExclusive(runsRoot);
        if (lock.isEmpty()) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "error: a pdml run is using "
                                    + runsRoot
                                    + " (it holds "
                                    + RunsRootLock.FILE
                                    + "); prune between runs");
            return RUN_IN_PROGRESS;
        }
        try {
            return prune(out);
        } finally {
            lock.get().close();
        }
    }

    private int prune(PrintWriter out) throws IOException {
        Duration stale = Duration.ofSeconds(Math.round(staleHours * 3600));
        StagePruner.Plan plan = StagePruner.plan(runsRoot, keepRuns, stale, Clock.systemUTC());
        out.printf(
                Locale.ROOT,
                "keeping %d stage folders: those of %d of %d runs (the newest %d per experiment)"
                        + " and unfinished ones changed within %s h%n",
                plan.foldersKept(),
                plan.runsKept(),
                plan.runsSeen(),
                keepRuns,
                staleHours);
        plan.remove().forEach(p -> out.println((dryRun ? "would remove " : "removing ") + p));
        if (!dryRun) {
            StagePruner.apply(plan);
        }
        out.printf(
                Locale.ROOT,
                "%s %d stage folders, %.1f MB%n",
                dryRun ? "would remove" : "removed",
                plan.remove().size(),
                plan.bytes() / 1e6);
        out.flush();
        return 0;
    }
}
