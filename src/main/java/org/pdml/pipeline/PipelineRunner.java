package org.pdml.pipeline;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdml.tracking.RunTracker;

/**
 * Runs stages in order, each as a child run of the pipeline's run. For each stage it computes the
 * fingerprint from the upstream outputs, then either reuses a complete output of that fingerprint
 * from the {@link StageStore} (after the stage re-verifies it, {@link PipelineStage#damage}: a
 * damaged output is said and produced again) or runs the stage and commits its output. Stages at
 * and after {@code from} always run, from scratch. An interrupted stage resumes when it is {@link
 * PipelineStage#resumable()} (training continues from its last checkpoint); otherwise it restarts.
 *
 * <p>Each stage is reused or produced under its folder's {@link StageLock}, so concurrent runs of
 * one config never share a live stage folder: the second waits and reuses the first's output.
 *
 * <p>Each fingerprint includes the stage's {@link CodeIdentity}, so an output is reused only by the
 * build that made it. With {@code reuseStale} (the user's explicit {@code --reuse-stale}) a stage
 * without an output of the current build takes one that differs in the code alone, and its run says
 * so ({@value #REUSED_STALE_TAG}).
 *
 * <p>Each child run gets the tags {@value #FINGERPRINT_TAG}, {@value #CODE_TAG} and {@value
 * #REUSED_TAG} ({@code true}/{@code false}); a reused one also gets {@value #REUSED_FROM_TAG}, the
 * stage folder. The console gets one line per stage saying which.
 */
public final class PipelineRunner {
    /** Child-run tag: the stage's fingerprint. */
    public static final String FINGERPRINT_TAG = "pdml.stage.fingerprint";

    /** Child-run tag: whether the output was reused. */
    public static final String REUSED_TAG = "pdml.reused";

    /** Child-run tag: the stage folder a reused output came from. */
    public static final String REUSED_FROM_TAG = "pdml.reused_from";

    /** Child-run tag: the code identity of the build running the stage. */
    public static final String CODE_TAG = "pdml.stage.code";

    /** Child-run tag: {@code true} when the output reused was made by other code. */
    public static final String REUSED_STALE_TAG = "pdml.reused_stale";

    private final StageStore store;
    private final PrintWriter console;
    private final CodeIdentity code;
    private final boolean reuseStale;

    /**
     * Creates a runner.
     *
     * @param store where outputs are found and committed
     * @param console user-facing progress lines
     * @param code the running build's code identity
     * @param reuseStale whether a stage may reuse an output made by other code
     */
    public PipelineRunner(
            StageStore store, PrintWriter console, CodeIdentity code, boolean reuseStale) {
        this.store = store;
        this.console = console;
        this.code = code;
        this.reuseStale = reuseStale;
    }

    /** A stage's stand-alone command (e.g. {@code pdml preprocess}): makes the output. */
    @FunctionalInterface
    public interface StandAlone {
        /**
         * Produces the stage's output.
         *
         * @return the exit status; 0 when the output is complete
         * @throws Exception when it fails
         */
        int call() throws Exception;
    }

    /**
     * Runs a first stage's stand-alone command outside a pipeline run and commits what it made to
     * the store under the fingerprint a run would compute, so that a later run with the same
     * settings reuses the output instead of producing it again. The fingerprint is taken before the
     * command starts, as in a run; the command runs under the stage folder's lock; nothing is
     * committed when it returns a non-zero status.
     *
     * @param stage a stage without upstream stages, whose output lies outside the stage folder
     * @param command the command that produces the output
     * @return the command's exit status
     * @throws Exception what the command or the commit throws
     */
    public int standAlone(PipelineStage stage, StandAlone command) throws Exception {
        StageFingerprint fp = stage.fingerprint(Map.of()).withCode(code.of(stage.name()));
        StageLock lock =
                StageLock.acquire(store.dir(stage.name(), fp.sha256()), waiting(stage, fp));
        try {
            int status = command.call();
            if (status == 0) {
                store.prepare(stage, fp, true);
                StageOutput out = store.commit(stage, fp);
                say(
                        "%s: recorded %s in the stage store %s (fingerprint %s); pdml run with the"
                                + " same settings and runs_root reuses it",
                        stage.name().wireName(), out.output(), out.dir(), shortFp(out));
            }
            return status;
        } finally {
            lock.close();
        }
    }

    /** Called after each stage's output is committed or reused, before the next stage starts. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Receives a stage output.
         *
         * @param output the output
         * @throws Exception to stop the pipeline
         */
        void stageDone(StageOutput output) throws Exception;
    }

    /**
     * Runs the stages.
     *
     * @param stages the stages, in order
     * @param from the first stage forced to run (with all after it), or empty to reuse what fits
     * @param root the pipeline's run; each stage gets a child named after it
     * @param listener receives each output as it is ready
     * @return every stage's output, in order
     * @throws Exception the first stage failure (its child run is marked FAILED)
     */
    public Map<StageName, StageOutput> run(
            List<PipelineStage> stages,
            Optional<StageName> from,
            RunTracker root,
            Listener listener)
            throws Exception {
        Map<StageName, StageOutput> outputs = new LinkedHashMap<>();
        for (PipelineStage stage : stages) {
            boolean forced = from.isPresent() && stage.name().compareTo(from.get()) >= 0;
            StageOutput out = runOne(stage, forced, outputs, root);
            outputs.put(stage.name(), out);
            listener.stageDone(out);
        }
        return Collections.unmodifiableMap(outputs);
    }

    private StageOutput runOne(
            PipelineStage stage,
            boolean forced,
            Map<StageName, StageOutput> upstream,
            RunTracker root)
            throws Exception {
        try (RunTracker child = root.startChild(stage.name().wireName())) {
            try {
                String codeSha = code.of(stage.name());
                StageFingerprint fp = stage.fingerprint(upstream).withCode(codeSha);
                child.setTag(FINGERPRINT_TAG, fp.sha256());
                child.setTag(CODE_TAG, codeSha);
                StageOutput out = locked(new Attempt(stage, fp, forced, upstream, child));
                stage.trackInputs(upstream, child);
                stage.track(out, child);
                return out;
            } catch (Exception | Error e) {
                child.markFailed(e);
                throw e;
            }
        }
    }

    /**
     * Reuses or produces the output under the stage folder's {@link StageLock}: a concurrent run of
     * the same stage is waited for, and its committed output is then reused.
     */
    private StageOutput locked(Attempt a) throws Exception {
        Path dir = store.dir(a.stage().name(), a.fp().sha256());
        StageLock lock = StageLock.acquire(dir, waiting(a.stage(), a.fp()));
        try {
            Optional<StageOutput> found =
                    a.forced() ? Optional.empty() : reusable(a.stage(), a.fp(), a.child());
            return found.isPresent() ? reuse(found.get(), a.child()) : produce(a);
        } finally {
            lock.close();
        }
    }

    /** Says that the stage folder's lock is held by another run, while waiting for it. */
    private Runnable waiting(PipelineStage stage, StageFingerprint fp) {
        Path dir = store.dir(stage.name(), fp.sha256());
        return () ->
                say(
                        "%s: waiting for another run of this stage (fingerprint %s) to finish;"
                                + " lock %s",
                        stage.name().wireName(),
                        fp.sha256().substring(0, 12),
                        StageLock.lockFile(dir));
    }

    /**
     * A committed output of this fingerprint that is still intact; else, with {@code reuseStale},
     * one made by other code; else empty. A damaged output is said and not taken.
     */
    private Optional<StageOutput> reusable(
            PipelineStage stage, StageFingerprint fp, RunTracker child) throws Exception {
        Optional<StageOutput> own = intact(stage, store.reusable(stage, fp));
        if (own.isPresent() || !reuseStale) {
            return own;
        }
        Optional<StageOutput> stale = intact(stage, store.reusableStale(stage, fp));
        if (stale.isPresent()) {
            say(
                    "%s: --reuse-stale: the output below was made by other pdml code",
                    stage.name().wireName());
            child.setTag(REUSED_STALE_TAG, "true");
        }
        return stale;
    }

    private Optional<StageOutput> intact(PipelineStage stage, Optional<StageOutput> found)
            throws Exception {
        Optional<String> damage =
                found.isPresent() ? stage.damage(found.get().output()) : Optional.empty();
        if (damage.isEmpty()) {
            return found;
        }
        say(
                "%s: the cached output %s is damaged, so the stage runs again: %s",
                stage.name().wireName(), found.get().output(), damage.get());
        return Optional.empty();
    }

    private StageOutput reuse(StageOutput out, RunTracker child) {
        say("%s: reusing %s (fingerprint %s)", out.stage().wireName(), out.output(), shortFp(out));
        child.setTag(REUSED_TAG, "true");
        child.setTag(REUSED_FROM_TAG, out.dir().toString());
        return out;
    }

    private StageOutput produce(Attempt a) throws Exception {
        PipelineStage stage = a.stage();
        StageFingerprint fp = a.fp();
        Path dir = store.prepare(stage, fp, a.forced());
        say(
                "%s: running%s (fingerprint %s) -> %s",
                stage.name().wireName(),
                a.forced() ? " (forced by --from)" : "",
                fp.sha256().substring(0, 12),
                stage.output(dir));
        a.child().setTag(REUSED_TAG, "false");
        stage.run(
                new StageRun(
                        dir, stage.output(dir), fp.sha256(), a.upstream(), a.child(), console));
        return store.commit(stage, fp);
    }

    /** One stage's turn in a run: what {@link #locked} reuses or {@link #produce}s. */
    private record Attempt(
            PipelineStage stage,
            StageFingerprint fp,
            boolean forced,
            Map<StageName, StageOutput> upstream,
            RunTracker child) {}

    private static String shortFp(StageOutput out) {
        return out.fingerprint().substring(0, 12);
    }

    private void say(String format, Object... args) {
        console.println(String.format(java.util.Locale.ROOT, format, args));
        console.flush();
    }
}
