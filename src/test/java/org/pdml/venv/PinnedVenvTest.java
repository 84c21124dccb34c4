package org.pdml.venv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real venv made with {@code python3 -m venv} and pip. The requirement is {@code pip} itself,
 * which every venv already holds, so pip has nothing to download.
 */
class PinnedVenvTest {
    @Test
    void createsTheVenvStampsItAndThenReusesItAsItIs(@TempDir Path tmp) throws Exception {
        Path venv = tmp.resolve("v");
        List<String> req = List.of("pip");
        assertThat(PinnedVenv.isReady(venv, req)).isFalse();
        assertThat(PinnedVenv.ensure(venv, req, Duration.ofMinutes(5))).isEqualTo(venv);
        assertThat(PinnedVenv.python(venv)).isExecutable();
        assertThat(venv.resolve(PinnedVenv.STAMP)).hasContent("pip");
        assertThat(PinnedVenv.isReady(venv, req)).isTrue();
        assertThat(PinnedVenv.isReady(venv, List.of("pip", "setuptools"))).isFalse();

        // A ready venv starts no process: with its interpreter broken, ensure still returns.
        Path python = PinnedVenv.python(venv);
        Files.delete(python);
        Files.writeString(python, "#!/bin/sh\nexit 7\n");
        python.toFile().setExecutable(true);
        assertThat(PinnedVenv.ensure(venv, req, Duration.ofMinutes(1))).isEqualTo(venv);
    }
}
