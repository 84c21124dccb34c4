package org.pdml.pipeline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive lock of one stage folder ({@code <store>/<stage>/.<fingerprint>.lock}), held from
 * the reuse check until the output is committed. A second run of the same stage waits, then finds
 * the finished output and reuses it, so two runs never share a live stage folder: concurrent runs
 * once failed on each other's half-written shards, or resumed from another run's live checkpoint.
 *
 * <p>The OS lock ({@link FileChannel#lock}) excludes other processes and is released by the OS when
 * a holder dies, so a crashed run never blocks the next. It belongs to the whole JVM, so runs in
 * one JVM are excluded by a lock per file here first.
 */
final class StageLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private StageLock(ReentrantLock jvmLock, FileChannel channel, FileLock fileLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Takes the lock of a stage folder, waiting while another run holds it.
     *
     * @param stageDir the stage folder (need not exist)
     * @param onWait called once, before waiting, when another run holds the lock
     * @return the held lock; close it once the output is committed or the stage failed
     * @throws IOException if the lock file cannot be created or locked
     */
    static StageLock acquire(Path stageDir, Runnable onWait) throws IOException {
        Path file = lockFile(stageDir);
        ReentrantLock jvm = IN_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        boolean waited = !jvm.tryLock();
        if (waited) {
            onWait.run();
            jvm.lock();
        }
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch =
                    FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                if (!waited) {
                    onWait.run();
                }
                lock = ch.lock();
            }
            return new StageLock(jvm, ch, lock);
        } catch (IOException | RuntimeException e) {
            jvm.unlock();
            throw e;
        }
    }

    /** {@code .<fingerprint>.lock} beside the stage folder, so deleting the folder keeps it. */
    static Path lockFile(Path stageDir) {
        Path abs = stageDir.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
