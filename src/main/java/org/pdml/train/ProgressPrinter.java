package org.pdml.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A one-line progress report for long loops: step, loss, images/s and ETA, printed at most every
 * {@code intervalNanos} and at the last step. The clock is injected so the arithmetic is testable.
 */
public final class ProgressPrinter {
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final String label;
    private final long totalSteps;
    private final int imagesPerStep;
    private long startNanos = -1;
    private long lastPrint;

    /**
     * Creates the printer.
     *
     * @param out destination (usually standard error)
     * @param nanoClock monotonic clock in nanoseconds
     * @param interval minimum time between lines
     * @param label prefix, e.g. "epoch 3/20"
     * @param totalSteps steps of the loop
     * @param imagesPerStep batch size
     */
    public ProgressPrinter(
            PrintStream out,
            LongSupplier nanoClock,
            Duration interval,
            String label,
            long totalSteps,
            int imagesPerStep) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
        this.label = label;
        this.totalSteps = totalSteps;
        this.imagesPerStep = imagesPerStep;
    }

    /**
     * Reports that {@code done} steps are finished.
     *
     * @param done steps finished, 1..totalSteps
     * @param loss the latest loss
     */
    public void update(long done, double loss) {
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
            lastPrint = now;
        }
        if (done < totalSteps && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        out.println(line(done, loss, now - startNanos));
    }

    /**
     * Formats one progress line.
     *
     * @param done steps finished
     * @param loss latest loss
     * @param elapsedNanos time since the first step finished
     * @return e.g. {@code epoch 1/2 step 10/20 loss 2.3026 12.5 img/s ETA 0:08}
     */
    String line(long done, double loss, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        // The first step's time is not measured (the clock starts when it ends).
        double rate = done > 1 && seconds > 0 ? (done - 1) * imagesPerStep / seconds : 0;
        long etaSeconds = rate > 0 ? Math.round((totalSteps - done) * imagesPerStep / rate) : 0;
        return String.format(
                "%s  step %d/%d  loss %.4f  %.1f img/s  ETA %d:%02d",
                label, done, totalSteps, loss, rate, etaSeconds / 60, etaSeconds % 60);
    }
}
