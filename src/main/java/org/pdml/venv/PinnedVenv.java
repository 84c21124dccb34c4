package org.pdml.venv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python venv that pdml creates on first use and that holds pinned pip requirements: {@code
 * python3 -m venv <dir>}, then {@code pip install <requirements>}. When pip succeeds the
 * requirements are written to {@value #STAMP} in the venv; a venv whose stamp lists the same
 * requirements is ready and is reused as it is, anything else (no venv, an interrupted install,
 * other pins) runs pip again, which keeps what is already installed. Creation holds an OS lock on
 * {@code <dir>.lock}, so processes that need the same venv at once install it once.
 */
public final class PinnedVenv {

    /** The file, inside the venv, that lists the requirements of its last successful install. */
    public static final String STAMP = ".pdml-requirements";

    private PinnedVenv() {}

    /**
     * Returns the venv, creating or completing it first when its stamp does not list exactly {@code
     * requirements}.
     *
     * @param dir the venv folder
     * @param requirements pip requirement specifiers, e.g. {@code torch==2.7.1}
     * @param timeout bound on each of {@code venv} and {@code pip}
     * @return {@code dir}
     * @throws IllegalStateException when python3, venv or pip fails or times out, naming the
     *     command
     */
    public static Path ensure(Path dir, List<String> requirements, Duration timeout) {
        if (isReady(dir, requirements)) {
            return dir;
        }
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
            try (FileChannel ch =
                    FileChannel.open(
                            lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                try {
                    if (!isReady(dir, requirements)) {
                        install(dir, requirements, timeout);
                    }
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the venv " + dir, e);
        }
        return dir;
    }

    /**
     * Whether the venv's stamp lists exactly these requirements (no process is started).
     *
     * @param dir the venv folder
     * @param requirements pip requirement specifiers
     * @return true when {@link #ensure} would return at once
     */
    public static boolean isReady(Path dir, List<String> requirements) {
        Path stamp = dir.resolve(STAMP);
        try {
            return Files.isExecutable(python(dir))
                    && Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8)
                            .equals(stampText(requirements));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The venv's interpreter.
     *
     * @param dir the venv folder
     * @return {@code <dir>/bin/python}
     */
    public static Path python(Path dir) {
        return dir.resolve("bin").resolve("python");
    }

    private static void install(Path dir, List<String> requirements, Duration timeout)
            throws IOException {
        System.err.println("[pdml] installing " + String.join(" ", requirements) + " into " + dir);
        if (!Files.isExecutable(python(dir))) {
            run(List.of("python3", "-m", "venv", dir.toString()), timeout);
        }
        List<String> pip = new ArrayList<>(List.of(python(dir).toString(), "-m", "pip"));
        pip.addAll(List.of("install", "-q", "--disable-pip-version-check"));
        pip.addAll(requirements);
        run(pip, timeout);
        Files.writeString(dir.resolve(STAMP), stampText(requirements), StandardCharsets.UTF_8);
    }

    private static String stampText(List<String> requirements) {
        return String.join("\n", requirements) + "\n";
    }

    private static void run(List<String> cmd, Duration timeout) {
        String line = String.join(" ", cmd);
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + line);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + line, e);
        }
    }
}
