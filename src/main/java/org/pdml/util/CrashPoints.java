package org.pdml.util;

/**
 * Named points at the phase boundaries of a run where a test can make the JVM die as {@code kill
 * -9} would: with {@code -Dpdml.crashAt=<point>} the process halts at once ({@link Runtime#halt},
 * exit status 137, no shutdown hooks, nothing flushed) when it reaches that point. The crash tests
 * use them to show that a retry after a crash at each boundary gives the same bytes as an
 * uninterrupted run; without the property a point costs one property lookup.
 *
 * <p>Points: {@code index} (index read, nothing written), {@code pipeline} (a shard written, the
 * pipeline still running), {@code manifest} (all shards written, no manifest), {@code checkpoint}
 * (a checkpoint staged, not in place), {@code swap:<folder>} (between the two renames that put a
 * staged folder in place), {@code export} (the model staged, not in place).
 */
public final class CrashPoints {
    /** The system property naming the point to crash at. */
    public static final String PROPERTY = "pdml.crashAt";

    /** The exit status of the halt, as for SIGKILL. */
    public static final int STATUS = 137;

    private CrashPoints() {}

    /**
     * Halts the JVM if {@code point} is the one {@value #PROPERTY} names.
     *
     * @param point the point's name
     */
    public static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            System.err.println("pdml: halting at crash point '" + point + "' (-D" + PROPERTY + ")");
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
