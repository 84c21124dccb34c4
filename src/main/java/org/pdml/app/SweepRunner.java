package org.pdml.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.pdml.pipeline.RunInfo;
import org.pdml.pipeline.SweepTrial;

/**
 * Runs a sweep's trials, up to {@code parallel} at once, each as {@code pdml run} in a child JVM
 * writing {@code <sweep>/trials/<id>/run-info.json} and {@code log.txt}. A trial whose run-info
 * file exists finished before (it is written atomically when the run has ended) and is skipped,
 * which is how an interrupted sweep resumes. A failed trial is reported and the others go on.
 */
final class SweepRunner {
    static final String RUN_INFO = "run-info.json";
    static final String LOG = "log.txt";
    private static final int TAIL_LINES = 6;

    private final Path sweepDir;
    private final TrialLauncher launcher;
    private final Function<SweepTrial, List<String>> argsOf;
    private final PrintWriter out;
    private final String metric;

    SweepRunner(
            Path sweepDir,
            TrialLauncher launcher,
            Function<SweepTrial, List<String>> argsOf,
            String metric,
            PrintWriter out) {
        this.metric = metric;
        this.sweepDir = sweepDir;
        this.launcher = launcher;
        this.argsOf = argsOf;
        this.out = out;
    }

    /** The folder of a trial. */
    Path trialDir(SweepTrial t) {
        return sweepDir.resolve("trials").resolve(t.id());
    }

    /** The trial's final metrics when it has finished, else empty. */
    Optional<Map<String, Double>> finished(SweepTrial t) {
        Path info = trialDir(t).resolve(RUN_INFO);
        if (!Files.exists(info)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunInfo.read(info).metrics());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + info + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs every trial that has not finished.
     *
     * @param trials the plan
     * @param parallel trials at once, at least 1
     * @return the ids of the trials that failed
     * @throws InterruptedException if interrupted (running children are destroyed)
     */
    List<String> run(List<SweepTrial> trials, int parallel) throws Exception {
        List<SweepTrial> todo = new ArrayList<>();
        for (SweepTrial t : trials) {
            if (finished(t).isPresent()) {
                say("trial " + t.id() + ": finished in an earlier sweep run, skipped");
            } else {
                todo.add(t);
            }
        }
        say(todo.size() + " of " + trials.size() + " trials to run, " + parallel + " at once");
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            AtomicInteger done = new AtomicInteger();
            List<Future<Optional<String>>> futures = new ArrayList<>();
            for (SweepTrial t : todo) {
                futures.add(pool.submit(() -> runOne(t, done, todo.size())));
            }
            List<String> failed = new ArrayList<>();
            for (Future<Optional<String>> f : futures) {
                f.get().ifPresent(failed::add);
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    private Optional<String> runOne(SweepTrial t, AtomicInteger done, int total) throws Exception {
        Path dir = trialDir(t);
        say("trial " + t.id() + ": started " + t.overrides() + ", seed " + t.seed());
        long start = System.nanoTime();
        int status = launcher.run(argsOf.apply(t), dir.resolve(LOG));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        int n = done.incrementAndGet();
        if (status != 0 || finished(t).isEmpty()) {
            say(
                    String.format(
                            "trial %s: FAILED, exit %d after %d s (%d/%d); the end of %s:%n%s",
                            t.id(),
                            status,
                            seconds,
                            n,
                            total,
                            dir.resolve(LOG),
                            tail(dir.resolve(LOG))));
            return Optional.of(t.id());
        }
        say(
                String.format(
                        "trial %s: finished in %d s (%d/%d), val %s = %s",
                        t.id(), seconds, n, total, metric, finished(t).orElseThrow().get(metric)));
        return Optional.empty();
    }

    /** The last lines of a trial's log, indented, so that a failure can be read in place. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "    " + String.join(System.lineSeparator() + "    ", last);
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
