package org.pdml.tracking;

/** Terminal status of a tracked run, with MLflow's meaning of each value. */
public enum RunStatus {
    /** The run is still open. */
    RUNNING,
    /** The run was closed normally. */
    FINISHED,
    /** The run was closed after {@link RunTracker#markFailed(Throwable)}. */
    FAILED,
    /** The JVM was shut down (SIGTERM or exit) while the run was still open. */
    KILLED
}
