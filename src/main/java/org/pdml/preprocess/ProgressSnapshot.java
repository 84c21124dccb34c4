package org.pdml.preprocess;

import java.util.OptionalDouble;

/**
 * How far a preprocessing run has got, and its console line. An entry is done when it became a
 * record or a reject; rate and ETA are over done entries.
 *
 * @param total index rows, index rejects included
 * @param read entries whose file was looked at
 * @param encoded records decoded, resized and encoded (they reach the shards when the run ends)
 * @param rejected entries rejected so far, for any reason
 * @param elapsedSeconds wall time since the pipeline started, seconds
 */
public record ProgressSnapshot(
        long total, long read, long encoded, long rejected, double elapsedSeconds) {

    /**
     * Returns the entries finished either way.
     *
     * @return {@code encoded + rejected}
     */
    public long done() {
        return encoded + rejected;
    }

    /**
     * Returns the throughput so far.
     *
     * @return done entries per second; 0 before any time has passed
     */
    public double rate() {
        return elapsedSeconds > 0 ? done() / elapsedSeconds : 0;
    }

    /**
     * Returns the estimated time left at the current rate.
     *
     * @return {@code (total - done) / rate} in seconds, or empty while the rate is 0
     */
    public OptionalDouble etaSeconds() {
        double rate = rate();
        return rate > 0
                ? OptionalDouble.of(Math.max(0, total - done()) / rate)
                : OptionalDouble.empty();
    }

    /**
     * Formats the snapshot for the console, e.g. {@code " ... 1200/3822 done (31%): read 1300,
     * encoded 1180, rejected 20; 240.0 entries/s, ETA 0:11"}.
     *
     * @return one line, without a line break
     */
    public String line() {
        long percent = total > 0 ? Math.min(100, done() * 100 / total) : 100;
        OptionalDouble eta = etaSeconds();
        return String.format(
                java.util.Locale.ROOT,
                "  ... %d/%d done (%d%%): read %d, encoded %d, rejected %d; %.1f entries/s, ETA %s",
                done(),
                total,
                percent,
                read,
                encoded,
                rejected,
                rate(),
                eta.isPresent() ? clock(eta.getAsDouble()) : "?");
    }

    /** Formats seconds as m:ss, or h:mm:ss from one hour on (rounded up to whole seconds). */
    static String clock(double seconds) {
        long s = (long) Math.ceil(seconds);
        if (s >= 3600) {
            return String.format(
                    java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
