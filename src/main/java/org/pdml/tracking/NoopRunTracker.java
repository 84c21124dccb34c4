package org.pdml.tracking;

import java.nio.file.Path;
import java.util.Map;

/**
 * The tracker behind {@code --tracking off}: accepts every call and records nothing. Its run id is
 * the constant {@link #RUN_ID}.
 */
public final class NoopRunTracker implements RunTracker {

    /** The id every no-op run reports. */
    public static final String RUN_ID = "tracking-off";

    @Override
    public void logInput(DatasetInput input) {}

    @Override
    public void logParams(Map<String, String> params) {
        // Tracking is off by the user's choice.
    }

    @Override
    public void logMetric(String key, double value, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("metric '" + key + "': step " + step + " < 0");
        }
    }

    @Override
    public void setTag(String key, String value) {
        // Tracking is off by the user's choice.
    }

    @Override
    public void logArtifact(Path file, String artifactPath) {
        // Tracking is off by the user's choice.
    }

    @Override
    public void logModel(Path dir, String name) {
        // Tracking is off by the user's choice.
    }

    @Override
    public RunTracker startChild(String stageName) {
        return new NoopRunTracker();
    }

    @Override
    public String runId() {
        return RUN_ID;
    }

    @Override
    public void markFailed(Throwable error) {
        // Nothing to record; the caller rethrows.
    }

    @Override
    public void close() {
        // Nothing to end.
    }
}
