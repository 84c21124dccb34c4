package org.pdml.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the code that ran, read with the {@code git} command.
 *
 * @param sha the HEAD commit (40 hex digits), or null when git or the repository is unavailable
 * @param dirty whether tracked or untracked files differ from HEAD; null when unavailable
 */
public record GitState(String sha, Boolean dirty) {
    /** The state when no git repository (or no git executable) is available. */
    public static final GitState UNAVAILABLE = new GitState(null, null);

    private static final long TIMEOUT_SECONDS = 20;

    /**
     * Probes the repository that contains a folder.
     *
     * @param dir a folder inside the work tree, usually the working directory
     * @return the commit and dirty flag, or {@link #UNAVAILABLE} when {@code git} is not installed
     *     or {@code dir} is not in a git work tree
     */
    public static GitState probe(Path dir) {
        String sha = run(dir, List.of("git", "rev-parse", "--verify", "HEAD"));
        if (sha == null || !sha.matches("[0-9a-f]{40}")) {
            return UNAVAILABLE;
        }
        String status = run(dir, List.of("git", "status", "--porcelain"));
        return new GitState(sha, status == null ? null : !status.isEmpty());
    }

    /** Runs a git command; returns its trimmed stdout, or null if it cannot run or fails. */
    private static String run(Path dir, List<String> command) {
        try {
            Process p =
                    new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            // No git executable: provenance records the commit as unknown rather than failing.
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
