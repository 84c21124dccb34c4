package org.pdml.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pdml.model.LibtorchLoader;
import org.pdml.venv.PinnedVenv;

/** The pip torch 2.7.1 venv that the Python-interop ITs run against, when this machine has one. */
public final class TorchVenv {
    private TorchVenv() {}

    /**
     * The venv of {@code -Dpdml.torchVenv} (default {@code .cache/torch-venv}); skips the calling
     * test, saying why, when it is not ready.
     *
     * @return the venv folder
     */
    public static Path require() {
        Path venv =
                Path.of(System.getProperty("pdml.torchVenv", ".cache/torch-venv"))
                        .toAbsolutePath()
                        .normalize();
        assumeTrue(
                PinnedVenv.isReady(venv, List.of(LibtorchLoader.PIP_REQUIREMENT)),
                "the pip torch venv "
                        + venv
                        + " is not ready (no stamp for "
                        + LibtorchLoader.PIP_REQUIREMENT
                        + "): point -Dpdml.torchVenv at one"
                        + " (PipLibtorchIT makes it with -Dpdml.torchVenv.create=true)");
        return venv;
    }

    /**
     * The {@code site-packages} folder of the venv of {@link #require()}; skips the calling test,
     * saying why, when the venv is not ready.
     *
     * @return e.g. {@code .cache/torch-venv/lib/python3.11/site-packages}
     * @throws IOException if the venv's {@code lib} cannot be listed
     */
    public static Path sitePackages() throws IOException {
        Path venv = require();
        try (Stream<Path> libs = Files.list(venv.resolve("lib"))) {
            return libs.map(l -> l.resolve("site-packages"))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new IOException("no lib/*/site-packages in " + venv));
        }
    }
}
