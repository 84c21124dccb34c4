package org.pdml.config;

/**
 * Experiment tracking.
 *
 * @param mode whether runs are tracked
 * @param experiment MLflow experiment name, or null for the config's top-level {@code experiment}
 *     (the run folder's group under runs_root)
 * @param uri tracking server URI, or null for the local default
 */
public record TrackingConfig(
        @Doc("Track runs in MLflow") Mode mode,
        @Doc(
                        value =
                                "MLflow experiment; absent means the top-level experiment (the run"
                                        + " folder's group)",
                        optional = true)
                String experiment,
        @Doc(value = "Tracking server URI; absent means the local default server", optional = true)
                String uri) {

    /** Tracking modes. */
    public enum Mode {
        /** Log to MLflow. */
        ON,
        /** Log nothing. */
        OFF
    }
}
