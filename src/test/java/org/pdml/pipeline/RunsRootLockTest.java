package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsRootLockTest {
    @TempDir Path root;

    @Test
    void runsShareTheLockAndAPruneGetsItOnlyWhenTheLastRunEnds() throws IOException {
        RunsRootLock first = RunsRootLock.shared(root);
        RunsRootLock second = RunsRootLock.shared(root);
        assertThat(RunsRootLock.tryExclusive(root)).isEmpty();
        first.close();
        first.close(); // idempotent: must not release the second run's share
        assertThat(RunsRootLock.tryExclusive(root)).isEmpty();
        second.close();

        Optional<RunsRootLock> prune = RunsRootLock.tryExclusive(root);
        assertThat(prune).isPresent();
        assertThat(RunsRootLock.tryExclusive(root)).isEmpty();
        assertThatThrownBy(() -> RunsRootLock.shared(root))
                .isInstanceOf(IllegalStateException.class);
        prune.get().close();
        RunsRootLock.shared(root).close();
    }

    @Test
    void aRunInAnotherProcessKeepsThePruneOutUntilThatProcessEnds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                RunsRootLockHolder.class.getName(),
                                root.toString())
                        .redirectErrorStream(true)
                        .start();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo(RunsRootLockHolder.LOCKED);
            assertThat(RunsRootLock.tryExclusive(root)).isEmpty();
            child.getOutputStream().close(); // the holder ends when its stdin does
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Optional<RunsRootLock> prune = RunsRootLock.tryExclusive(root);
            assertThat(prune).isPresent();
            prune.get().close();
        } finally {
            child.destroyForcibly();
        }
    }
}
