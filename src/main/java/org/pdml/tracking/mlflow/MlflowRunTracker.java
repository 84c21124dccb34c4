package org.pdml.tracking.mlflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.pdml.tracking.ConfigFlattener;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunStatus;
import org.pdml.tracking.RunTracker;
import org.pdml.tracking.SecretRedactor;

/**
 * A {@link RunTracker} backed by an MLflow tracking server through {@code MlflowClient}.
 *
 * <p>Starting a root run is synchronous and fails fast ({@link TrackingUnavailableException}) when
 * the server is unreachable. After that, every call is journaled to the spool and delivered by a
 * background sender (see {@link SpoolSender}): the caller never waits for the network, a server
 * outage is bridged by retries with backoff, and what is still undelivered when the run closes
 * stays in the spool for {@code pdml tracking flush}. A child run is created at once while the
 * server answers; during an outage its creation is spooled like any record ({@link
 * SpoolRecord.Kind#CHILD}) and it is created, before its own records are sent, when the server
 * returns: an outage never fails a run. The root run registers a shutdown hook that ends every open
 * run as KILLED (SIGTERM).
 */
public final class MlflowRunTracker implements RunTracker {

    /** MLflow's maximum tag value length. */
    static final int MAX_TAG_VALUE_LENGTH = 8000;

    /** Longest a shutdown hook waits for delivery before leaving records in the spool. */
    static final Duration HOOK_DRAIN = Duration.ofSeconds(10);

    private final TrackingChannel channel;
    private final MlflowRunTracker parent;

    /** The server's run id, or a placeholder ({@link RunIds}) while its creation is spooled. */
    private final String runId;

    /** {@code <exp_id>/<run_id>/artifacts}, or the placeholder while its creation is spooled. */
    private final String artifactRoot;

    private final String experimentId;
    private final String name;
    private final Map<String, String> params = new HashMap<>();
    private final List<MlflowRunTracker> children = new ArrayList<>();
    private Thread shutdownHook;

    /**
     * The registered shutdown hooks that end open runs KILLED; a local server's own hook waits for
     * them before it stops the server ({@link LocalMlflowServer}).
     */
    static final Set<Thread> SHUTDOWN_HOOKS = ConcurrentHashMap.newKeySet();

    private Throwable failure;
    private RunStatus status = RunStatus.RUNNING;

    private MlflowRunTracker(
            TrackingChannel channel,
            MlflowRunTracker parent,
            String runId,
            String artifactRoot,
            String experimentId,
            String name) {
        this.channel = channel;
        this.parent = parent;
        this.runId = runId;
        this.artifactRoot = artifactRoot;
        this.experimentId = experimentId;
        this.name = name;
    }

    private MlflowRunTracker(
            TrackingChannel channel, MlflowRunTracker parent, RunInfo info, String name) {
        this(
                channel,
                parent,
                info.getRunId(),
                ArtifactProxy.proxyRoot(info.getArtifactUri()),
                info.getExperimentId(),
                name);
    }

    /**
     * Starts a root run in an experiment (created when missing).
     *
     * @param settings endpoint, spool, clock, redactor and retry settings
     * @param experimentName the experiment, e.g. the config name
     * @param runName the run's display name
     * @return the open run
     * @throws TrackingUnavailableException when the server is unreachable or refuses credentials
     * @throws IllegalStateException when the experiment exists but is deleted
     */
    public static MlflowRunTracker start(
            MlflowTrackerSettings settings, String experimentName, String runName) {
        settings.endpoint().requireReachable();
        MlflowClient client = settings.endpoint().newClient();
        RunInfo info;
        try {
            String experimentId = Experiments.idFor(settings.endpoint(), client, experimentName);
            long start = settings.clock().millis();
            info =
                    RunCreation.create(
                            client, new RunCreation.Spec(experimentId, runName, null, null, start));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        TrackingChannel channel = new TrackingChannel(settings, client, info.getRunId());
        MlflowRunTracker root = new MlflowRunTracker(channel, null, info, runName);
        root.shutdownHook = new Thread(root::onShutdown, "pdml-tracking-shutdown");
        Runtime.getRuntime().addShutdownHook(root.shutdownHook);
        SHUTDOWN_HOOKS.add(root.shutdownHook);
        return root;
    }

    @Override
    public synchronized void logParams(Map<String, String> newParams) {
        requireOpen();
        SecretRedactor redactor = channel.settings().redactor();
        for (Map.Entry<String, String> e : newParams.entrySet()) {
            String key = checkKey(e.getKey());
            String value = ConfigFlattener.shortenValue(redactor.redactValue(key, e.getValue()));
            String old = params.putIfAbsent(key, value);
            if (old != null && !old.equals(value)) {
                throw new IllegalArgumentException(
                        "param '"
                                + key
                                + "' already logged in run "
                                + runId
                                + " with another value");
            }
            if (old == null) {
                channel.record(record(SpoolRecord.Kind.PARAM, key, value, 0, 0));
            }
        }
    }

    @Override
    public synchronized void logMetric(String key, double value, long step) {
        requireOpen();
        if (step < 0) {
            throw new IllegalArgumentException("metric '" + key + "': step " + step + " < 0");
        }
        channel.record(record(SpoolRecord.Kind.METRIC, checkKey(key), "", value, step));
    }

    @Override
    public synchronized void setTag(String key, String value) {
        requireOpen();
        String redacted = channel.settings().redactor().redactValue(checkKey(key), value);
        String shortened = ConfigFlattener.shortenTo(redacted, MAX_TAG_VALUE_LENGTH);
        channel.record(record(SpoolRecord.Kind.TAG, key, shortened, 0, 0));
    }

    @Override
    public synchronized void logArtifact(Path file, String artifactPath) {
        requireOpen();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact is not a regular file: " + file);
        }
        String folder = artifactPath.replaceAll("^/+|/+$", "");
        String rel = (folder.isEmpty() ? "" : folder + "/") + file.getFileName();
        String abs = file.toAbsolutePath().toString();
        channel.record(record(SpoolRecord.Kind.ARTIFACT, artifactRoot + "/" + rel, abs, 0, 0));
    }

    @Override
    public synchronized void logInput(DatasetInput input) {
        requireOpen();
        String json = DatasetInputJson.entry(input, channel.settings().redactor());
        channel.record(record(SpoolRecord.Kind.INPUT, "", json, 0, 0));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Journaled as one {@link SpoolRecord.Kind#MODEL} record like any other call, so a model
     * logged while the server is away is delivered when it returns or by {@code pdml tracking
     * flush} ({@link LoggedModelDelivery}).
     */
    @Override
    public synchronized void logModel(Path dir, String modelName) {
        requireOpen();
        RunTracker.requireModelFolder(dir);
        String folder = modelName.replaceAll("^/+|/+$", "");
        if (folder.isEmpty() || folder.contains("/")) {
            throw new IllegalArgumentException(
                    "model name must be one path segment: '" + modelName + "'");
        }
        Optional<String> root = parent == null ? Optional.empty() : Optional.of(root().runId);
        String payload = new ModelRecord(dir.toAbsolutePath(), experimentId, root).toJson();
        channel.record(record(SpoolRecord.Kind.MODEL, artifactRoot + "/" + folder, payload, 0, 0));
    }

    private MlflowRunTracker root() {
        return parent == null ? this : parent.root();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Never waits for an unavailable server: while the sender is bridging an outage, or when the
     * one attempt to create the run fails, the creation is spooled and the child's {@link #runId()}
     * is a placeholder until the server returns.
     */
    @Override
    public synchronized MlflowRunTracker startChild(String stageName) {
        requireOpen();
        String childName = RunTracker.childName(stageName, name);
        String parentId = channel.ids().realId(runId).orElse(runId);
        long start = channel.settings().clock().millis();
        RunCreation.Spec spec =
                new RunCreation.Spec(experimentId, childName, parentId, stageName, start);
        MlflowRunTracker child =
                createNow(spec)
                        .map(info -> new MlflowRunTracker(channel, this, info, childName))
                        .orElseGet(() -> spooledChild(spec));
        children.add(child);
        return child;
    }

    /**
     * Creates the child at once (one attempt) unless the server is known to be away or the parent
     * is not created yet.
     *
     * @return empty when the creation must be spooled
     */
    private Optional<RunInfo> createNow(RunCreation.Spec spec) {
        if (RunIds.isPlaceholder(spec.parentRunId()) || channel.sender().failing()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RunCreation.create(channel.client(), spec));
        } catch (MlflowClientException e) {
            return Optional.empty();
        }
    }

    /** Journals the child's creation and returns it under a fresh placeholder id. */
    private MlflowRunTracker spooledChild(RunCreation.Spec spec) {
        String placeholder = RunIds.newPlaceholder();
        channel.noticeSpooling(spec.stageName());
        channel.record(RunCreation.childRecord(spec, placeholder));
        return new MlflowRunTracker(
                channel, this, placeholder, placeholder, experimentId, spec.runName());
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a child started during an outage, a placeholder ({@code pdml-pending-…}) until the
     * server returns and the run is created; the server's id after that.
     */
    @Override
    public String runId() {
        return channel.ids().realId(runId).orElse(runId);
    }

    /**
     * Returns the experiment id.
     *
     * @return the id of the experiment holding this run
     */
    public String experimentId() {
        return experimentId;
    }

    @Override
    public synchronized void markFailed(Throwable error) {
        failure = error;
    }

    @Override
    public void close() {
        end(failure == null ? RunStatus.FINISHED : RunStatus.FAILED);
        if (parent == null) {
            removeHook();
            channel.shutdown(channel.settings().drainTimeout());
        }
    }

    /**
     * Ends this run and its open children with {@code terminal}; the records are queued, not
     * awaited.
     */
    private synchronized void end(RunStatus terminal) {
        if (status != RunStatus.RUNNING) {
            return;
        }
        for (MlflowRunTracker child : children) {
            child.end(terminal == RunStatus.KILLED ? RunStatus.KILLED : child.finalStatus());
        }
        if (terminal == RunStatus.FAILED && failure != null) {
            String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            setTag(ERROR_TAG, message);
        }
        status = terminal;
        long end = channel.settings().clock().millis();
        channel.record(
                new SpoolRecord(
                        0, SpoolRecord.Kind.TERMINATE, runId, "", terminal.name(), 0, end, 0));
    }

    private synchronized RunStatus finalStatus() {
        return failure == null ? RunStatus.FINISHED : RunStatus.FAILED;
    }

    /** The shutdown hook: a JVM ending with this run open means the run was killed. */
    private void onShutdown() {
        synchronized (this) {
            if (status != RunStatus.RUNNING) {
                return;
            }
        }
        end(RunStatus.KILLED);
        channel.shutdown(
                HOOK_DRAIN.compareTo(channel.settings().drainTimeout()) < 0
                        ? HOOK_DRAIN
                        : channel.settings().drainTimeout());
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            SHUTDOWN_HOOKS.remove(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook sees the run ended and does nothing.
        }
    }

    private SpoolRecord record(
            SpoolRecord.Kind kind, String key, String value, double number, long step) {
        long ts = channel.settings().clock().millis();
        return new SpoolRecord(0, kind, runId, key, value, number, ts, step);
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.length() > ConfigFlattener.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "key must have 1.."
                            + ConfigFlattener.MAX_KEY_LENGTH
                            + " characters: '"
                            + key
                            + "'");
        }
        return key;
    }

    private void requireOpen() {
        if (status != RunStatus.RUNNING) {
            throw new IllegalStateException("run '" + name + "' (" + runId + ") is closed");
        }
    }

    /**
     * Waits until everything logged so far reached the server (for callers that must read it back,
     * such as tests and promotion).
     *
     * @param timeout the longest wait
     * @return true when nothing is left to send
     */
    public boolean awaitDelivered(Duration timeout) {
        return channel.sender().awaitDrained(timeout);
    }

    /**
     * Records logged but not yet delivered (across this run, its parent and siblings).
     *
     * @return the count
     */
    public int undeliveredRecords() {
        return channel.sender().pendingCount();
    }

    /**
     * Delivery attempts that failed and were retried so far.
     *
     * @return the count
     */
    public long failedDeliveryAttempts() {
        return channel.sender().failedAttempts();
    }

    /**
     * Returns the spool file shared by this run tree.
     *
     * @return {@code <spoolDir>/<root run id>.jsonl}
     */
    public Path spoolFile() {
        return channel.journal().file();
    }
}
