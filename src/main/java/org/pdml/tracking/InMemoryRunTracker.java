package org.pdml.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdml.util.FileTrees;

/**
 * A {@link RunTracker} that keeps everything in memory, for other packages' tests: it enforces the
 * same rules as MLflow (params once per key, steps {@code >= 0}, no logging after close) and lets
 * the test read back what a stage logged. Artifacts are copied at the call. Thread-safe.
 */
public final class InMemoryRunTracker implements RunTracker {

    /**
     * One metric point.
     *
     * @param value the value
     * @param step the step
     */
    public record MetricPoint(double value, long step) {}

    private final String runId = UUID.randomUUID().toString().replace("-", "");
    private final String name;
    private final SecretRedactor redactor;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, byte[]> artifacts = new LinkedHashMap<>();
    private final List<InMemoryRunTracker> children = new ArrayList<>();
    private final List<DatasetInput> inputs = new ArrayList<>();
    private final List<String> models = new ArrayList<>();
    private RunStatus status = RunStatus.RUNNING;
    private Throwable failure;

    /**
     * Opens a root run.
     *
     * @param name the run name (tag {@link #RUN_NAME_TAG})
     * @param redactor applied to every value, as in the real tracker
     */
    public InMemoryRunTracker(String name, SecretRedactor redactor) {
        this.name = name;
        this.redactor = redactor;
        tags.put(RUN_NAME_TAG, name);
    }

    @Override
    public synchronized void logParams(Map<String, String> newParams) {
        requireOpen();
        newParams.forEach(
                (k, v) -> {
                    String value = redactor.redactValue(k, v);
                    String old = params.putIfAbsent(k, value);
                    if (old != null && !old.equals(value)) {
                        throw new IllegalArgumentException(
                                "param '" + k + "' already logged with another value");
                    }
                });
    }

    @Override
    public synchronized void logMetric(String key, double value, long step) {
        requireOpen();
        if (step < 0) {
            throw new IllegalArgumentException("metric '" + key + "': step " + step + " < 0");
        }
        metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(new MetricPoint(value, step));
    }

    @Override
    public synchronized void setTag(String key, String value) {
        requireOpen();
        tags.put(key, redactor.redactValue(key, value));
    }

    @Override
    public synchronized void logArtifact(Path file, String artifactPath) {
        requireOpen();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("artifact is not a regular file: " + file);
        }
        String path = artifactPath.isEmpty() ? "" : artifactPath + "/";
        try {
            artifacts.put(path + file.getFileName(), redactor.redact(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + file, e);
        }
    }

    @Override
    public synchronized void logInput(DatasetInput input) {
        requireOpen();
        inputs.add(input);
    }

    /**
     * {@inheritDoc}
     *
     * <p>In memory, the files are kept as artifacts under {@code name/} (as a server without logged
     * models keeps them) and the name is listed in {@link #models()}.
     */
    @Override
    public synchronized void logModel(Path dir, String name) {
        requireOpen();
        RunTracker.requireModelFolder(dir);
        try {
            for (String rel : FileTrees.regularFiles(dir)) {
                artifacts.put(
                        name + "/" + rel, redactor.redact(Files.readAllBytes(dir.resolve(rel))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model folder " + dir, e);
        }
        models.add(name);
    }

    /**
     * Returns the names of the logged models.
     *
     * @return an immutable copy, in logging order
     */
    public synchronized List<String> models() {
        return List.copyOf(models);
    }

    /**
     * Returns the logged dataset inputs.
     *
     * @return an immutable copy, in logging order
     */
    public synchronized List<DatasetInput> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public synchronized InMemoryRunTracker startChild(String stageName) {
        requireOpen();
        InMemoryRunTracker child =
                new InMemoryRunTracker(RunTracker.childName(stageName, name), redactor);
        child.tags.put(PARENT_RUN_TAG, runId);
        child.tags.put(STAGE_TAG, stageName);
        children.add(child);
        return child;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public synchronized void markFailed(Throwable error) {
        failure = error;
    }

    @Override
    public synchronized void close() {
        if (status != RunStatus.RUNNING) {
            return;
        }
        if (failure != null) {
            tags.put(ERROR_TAG, redactor.redact(String.valueOf(failure.getMessage())));
            status = RunStatus.FAILED;
        } else {
            status = RunStatus.FINISHED;
        }
    }

    private void requireOpen() {
        if (status != RunStatus.RUNNING) {
            throw new IllegalStateException("run '" + name + "' is already closed");
        }
    }

    /**
     * Returns the run name.
     *
     * @return the name given at start
     */
    public String name() {
        return name;
    }

    /**
     * Returns the logged params.
     *
     * @return an immutable copy
     */
    public synchronized Map<String, String> params() {
        return Map.copyOf(params);
    }

    /**
     * Returns the history of one metric, in logging order.
     *
     * @param key the metric name
     * @return the points, empty when never logged
     */
    public synchronized List<MetricPoint> metricHistory(String key) {
        return List.copyOf(metrics.getOrDefault(key, List.of()));
    }

    /**
     * Returns the current tags.
     *
     * @return an immutable copy
     */
    public synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    /**
     * Returns the artifacts by their path under the run's artifact root.
     *
     * @return path to (redacted) bytes
     */
    public synchronized Map<String, byte[]> artifacts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
    }

    /**
     * Returns the child runs in start order.
     *
     * @return the children
     */
    public synchronized List<InMemoryRunTracker> children() {
        return List.copyOf(children);
    }

    /**
     * Returns the status.
     *
     * @return {@link RunStatus#RUNNING} until closed
     */
    public synchronized RunStatus status() {
        return status;
    }
}
