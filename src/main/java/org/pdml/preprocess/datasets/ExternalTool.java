package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (npm, tar, apt-get, dpkg-deb) and turns every failure into a clear
 * error.
 */
final class ExternalTool {
    private static final long TIMEOUT_MINUTES = 20;
    private static final int TAIL_CHARS = 2000;

    private ExternalTool() {}

    /**
     * Runs a command and returns its standard output.
     *
     * @param dir working directory
     * @param command program and arguments
     * @return standard output (UTF-8)
     * @throws IOException naming the command when the program is missing, times out or exits
     *     non-zero (with the tail of its output)
     */
    static String run(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot start '"
                            + command.get(0)
                            + "' (is it installed and on PATH?) for: "
                            + String.join(" ", command),
                    e);
        }
        process.getOutputStream().close();
        // Why: read stderr on another thread so a chatty tool never blocks on a full pipe.
        StringBuilder err = new StringBuilder();
        Thread errReader =
                new Thread(
                        () -> {
                            try {
                                err.append(
                                        new String(
                                                process.getErrorStream().readAllBytes(),
                                                StandardCharsets.UTF_8));
                            } catch (IOException ignored) {
                                err.append("(stderr unreadable)");
                            }
                        });
        errReader.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(
                        "timed out after "
                                + TIMEOUT_MINUTES
                                + " min: "
                                + String.join(" ", command));
            }
            errReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(
                    String.format(
                            "'%s' exited with %d in %s:%n%s",
                            String.join(" ", command), process.exitValue(), dir, tail(err + out)));
        }
        return out;
    }

    private static String tail(String s) {
        return s.length() <= TAIL_CHARS ? s : "..." + s.substring(s.length() - TAIL_CHARS);
    }
}
