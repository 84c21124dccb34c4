package org.pdml.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateTest {
    @TempDir Path dir;

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("git %s: %s", List.of(args), out).isZero();
    }

    private static boolean gitInstalled() {
        try {
            return new ProcessBuilder("git", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void readsHeadAndDirtyFlagOfARealRepository() throws Exception {
        assumeTrue(gitInstalled(), "git is not installed");
        git("init", "-q", "-b", "main");
        Files.writeString(dir.resolve("a.txt"), "a");
        git("add", "a.txt");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "c");
        // Oracle: the ref file that .git/HEAD points to, read without git.
        String head = Files.readString(dir.resolve(".git/HEAD")).trim();
        String sha = Files.readString(dir.resolve(".git").resolve(head.substring(5))).trim();

        assertThat(GitState.probe(dir)).isEqualTo(new GitState(sha, false));
        Files.writeString(dir.resolve("a.txt"), "changed");
        assertThat(GitState.probe(dir)).isEqualTo(new GitState(sha, true));
    }

    @Test
    void aFolderOutsideAnyRepositoryIsUnavailable() {
        assumeTrue(gitInstalled(), "git is not installed");
        assertThat(GitState.probe(dir)).isEqualTo(GitState.UNAVAILABLE);
    }
}
