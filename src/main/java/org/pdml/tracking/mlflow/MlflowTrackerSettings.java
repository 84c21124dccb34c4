package org.pdml.tracking.mlflow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.pdml.tracking.SecretRedactor;

/**
 * How an {@link MlflowRunTracker} connects, journals and retries.
 *
 * @param endpoint the tracking server and its credentials
 * @param spoolDir folder of the spool files ({@code <run_id>.jsonl})
 * @param clock source of metric timestamps and run start/end times (epoch ms)
 * @param redactor applied to params, tags, artifacts, error messages and log lines
 * @param drainTimeout how long {@code close()} waits for undelivered records before leaving them in
 *     the spool; also bounds creating a child run while the server is away
 * @param initialBackoff first retry delay after a failed delivery
 * @param maxBackoff cap of the exponential backoff
 */
public record MlflowTrackerSettings(
        TrackingEndpoint endpoint,
        Path spoolDir,
        Clock clock,
        SecretRedactor redactor,
        Duration drainTimeout,
        Duration initialBackoff,
        Duration maxBackoff) {

    /** The default spool folder, relative to the working directory. */
    public static final Path DEFAULT_SPOOL_DIR = Path.of(".cache", "tracking-spool");

    /**
     * Defaults: system UTC clock, secrets from the process environment, 60 s drain, backoff from
     * 200 ms to 5 s.
     *
     * @param endpoint the tracking server
     * @param spoolDir the spool folder
     * @return the settings
     */
    public static MlflowTrackerSettings defaults(TrackingEndpoint endpoint, Path spoolDir) {
        return new MlflowTrackerSettings(
                endpoint,
                spoolDir,
                Clock.systemUTC(),
                SecretRedactor.fromEnvironment(System.getenv()),
                Duration.ofSeconds(60),
                Duration.ofMillis(200),
                Duration.ofSeconds(5));
    }

    /**
     * Returns a copy with another clock.
     *
     * @param newClock the clock
     * @return the copy
     */
    public MlflowTrackerSettings withClock(Clock newClock) {
        return new MlflowTrackerSettings(
                endpoint, spoolDir, newClock, redactor, drainTimeout, initialBackoff, maxBackoff);
    }

    /**
     * Returns a copy with another drain timeout.
     *
     * @param timeout the timeout
     * @return the copy
     */
    public MlflowTrackerSettings withDrainTimeout(Duration timeout) {
        return new MlflowTrackerSettings(
                endpoint, spoolDir, clock, redactor, timeout, initialBackoff, maxBackoff);
    }

    /**
     * Returns a copy with another redactor.
     *
     * @param newRedactor the redactor
     * @return the copy
     */
    public MlflowTrackerSettings withRedactor(SecretRedactor newRedactor) {
        return new MlflowTrackerSettings(
                endpoint, spoolDir, clock, newRedactor, drainTimeout, initialBackoff, maxBackoff);
    }
}
