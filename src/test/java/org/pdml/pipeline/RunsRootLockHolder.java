package org.pdml.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/** A child JVM for {@link RunsRootLockTest}: holds a run's lock until its stdin closes. */
public final class RunsRootLockHolder {
    /** Printed once the lock is held. */
    static final String LOCKED = "locked";

    private RunsRootLockHolder() {}

    /**
     * Holds the shared lock of the runs root {@code args[0]}.
     *
     * @param args the runs root
     * @throws IOException if locking fails
     */
    public static void main(String[] args) throws IOException {
        RunsRootLock lock = RunsRootLock.shared(Path.of(args[0]));
        System.out.println(LOCKED);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close stdin
        }
        lock.close();
    }
}
