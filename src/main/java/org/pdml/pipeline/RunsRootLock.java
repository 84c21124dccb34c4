package org.pdml.pipeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lock that keeps {@code pdml prune} from removing stage folders while a {@code pdml run} uses
 * them: every run holds a shared lock on {@code <runs_root>/.pdml.lock} for its whole length, and a
 * prune needs the exclusive one. Runs do not block each other. The OS releases the lock when a
 * process dies, so a crashed run leaves nothing to clean up.
 *
 * <p>The OS lock belongs to the whole JVM, so runs within one JVM share one OS lock, counted here,
 * and a prune in a JVM where a run holds the lock is refused like one in another process.
 */
public final class RunsRootLock implements AutoCloseable {
    /** The lock file's name inside the runs root. */
    public static final String FILE = ".pdml.lock";

    /** Lock file → the JVM's OS lock on it and how many holders share it; guarded by the class. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path file;
    private boolean closed;

    private RunsRootLock(Path file) {
        this.file = file;
    }

    /** One OS lock and its holders in this JVM. */
    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        int holders = 1;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    /**
     * Takes the shared lock of a run, waiting while a prune in another process holds the exclusive
     * one.
     *
     * @param runsRoot the runs root (created if missing)
     * @return the held lock; close it when the run ends
     * @throws IOException if the lock file cannot be opened or locked
     * @throws IllegalStateException if a prune in this JVM holds the lock
     */
    public static synchronized RunsRootLock shared(Path runsRoot) throws IOException {
        Path file = lockFile(runsRoot);
        Held held = HELD.get(file);
        if (held != null) {
            if (!held.lock.isShared()) {
                throw new IllegalStateException("a prune in this JVM holds " + file);
            }
            held.holders++;
            return new RunsRootLock(file);
        }
        FileChannel channel = open(file);
        try {
            HELD.put(file, new Held(channel, channel.lock(0, Long.MAX_VALUE, true)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new RunsRootLock(file);
    }

    /**
     * Takes the exclusive lock of a prune if no run holds the shared one.
     *
     * @param runsRoot the runs root (created if missing)
     * @return the held lock, or empty while a run (here or in another process) holds it
     * @throws IOException if the lock file cannot be opened
     */
    public static synchronized Optional<RunsRootLock> tryExclusive(Path runsRoot)
            throws IOException {
        Path file = lockFile(runsRoot);
        if (HELD.containsKey(file)) {
            return Optional.empty();
        }
        FileChannel channel = open(file);
        FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        HELD.put(file, new Held(channel, lock));
        return Optional.of(new RunsRootLock(file));
    }

    private static Path lockFile(Path runsRoot) throws IOException {
        Files.createDirectories(runsRoot);
        return runsRoot.toAbsolutePath().normalize().resolve(FILE);
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ, // a shared lock needs a readable channel
                StandardOpenOption.WRITE);
    }

    /**
     * Releases this holder's share; the OS lock goes with the last one. Idempotent.
     *
     * @throws IOException if releasing fails
     */
    @Override
    public void close() throws IOException {
        synchronized (RunsRootLock.class) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(file);
            if (--held.holders == 0) {
                HELD.remove(file);
                try {
                    held.lock.release();
                } finally {
                    held.channel.close();
                }
            }
        }
    }
}
