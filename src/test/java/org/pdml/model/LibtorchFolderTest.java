package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.LibtorchRequest;
import org.pdml.venv.PinnedVenv;

/**
 * How {@code engine.libtorch} folders are read and checked before DJL loads anything: the layout of
 * a standalone libtorch and of PyPI's {@code torch/lib}, one-sentence mismatches, and the links
 * folder for a CUDA build without a GPU driver. The folders hold empty stand-ins for the libraries:
 * nothing here loads a native library, so the test JVM's engine is left alone.
 */
class LibtorchFolderTest {
    @TempDir Path tmp;

    private Path libs(Path dir, String... names) throws IOException {
        Files.createDirectories(dir);
        for (String n : names) {
            Files.writeString(dir.resolve(n), "");
        }
        return dir;
    }

    /** A venv as pdml's pip path leaves it: stamp, interpreter, {@code torch/lib}, version.py. */
    private Path pipVenv(String torchVersion) throws IOException {
        Path venv = tmp.resolve("venv");
        Path torch = venv.resolve("lib/python3.11/site-packages/torch");
        libs(torch.resolve("lib"), "libtorch.so", "libtorch_cuda.so", "libcaffe2_nvrtc.so");
        Files.writeString(torch.resolve("version.py"), "__version__ = '" + torchVersion + "'\n");
        Files.createDirectories(venv.resolve("bin"));
        Files.writeString(PinnedVenv.python(venv), "#!/bin/sh\n");
        PinnedVenv.python(venv).toFile().setExecutable(true);
        Files.writeString(venv.resolve(PinnedVenv.STAMP), LibtorchLoader.PIP_REQUIREMENT + "\n");
        return venv;
    }

    @Test
    void aFolderWithoutLibtorchFailsInOneSentence() {
        assertThatThrownBy(() -> LibtorchFolder.inspect(tmp))
                .hasMessage(
                        "engine.libtorch "
                                + tmp
                                + " is not a libtorch folder: neither it nor its lib folder holds"
                                + " libtorch.so");
    }

    @Test
    void aStandaloneLibtorchOfAnotherVersionIsRefusedNamingBoth() throws IOException {
        Path root = tmp.resolve("libtorch");
        libs(root.resolve("lib"), "libtorch.so", "libtorch_cuda.so");
        Files.writeString(root.resolve("build-version"), "2.11.0+cu128\n");
        LibtorchFolder f = LibtorchFolder.inspect(root);
        assertThat(f.libDir()).isEqualTo(root.resolve("lib"));
        assertThat(f.version()).contains("2.11.0");
        assertThat(f.flavour()).isEqualTo("cu128");
        assertThatThrownBy(
                        () -> LibtorchLoader.settings(LibtorchRequest.parse(root.toString()), tmp))
                .hasMessage(
                        "engine.libtorch "
                                + root
                                + " holds libtorch 2.11.0, but pdml's engine (DJL's pytorch-jni"
                                + " 2.7.1) loads only libtorch 2.7.1");
    }

    @Test
    void aCpuLibtorchWithoutVersionFileGetsTheCpuJni() throws IOException {
        Path lib = libs(tmp.resolve("lib"), "libtorch.so", "libtorch_cpu.so");
        LibtorchFolder f = LibtorchFolder.inspect(lib);
        assertThat(f).isEqualTo(new LibtorchFolder(lib, Optional.empty(), false));
        assertThat(f.flavour()).isEqualTo("cpu");
        assertThat(f.loadableDir(false)).isEqualTo(lib);
    }

    @Test
    void aPipVenvOfTheRightTorchGivesTheCu128SettingsAndLinksWithoutTheDriver() throws IOException {
        Path venv = pipVenv("2.7.1+cu126");
        Map<String, String> s = LibtorchLoader.settings(LibtorchRequest.parse("pip"), venv);
        Path torch = venv.resolve("lib/python3.11/site-packages/torch").toAbsolutePath();
        Path expected =
                GpuDriver.present() ? torch.resolve("lib") : torch.resolve("lib-pdml-nodriver");
        assertThat(s)
                .containsExactly(
                        Map.entry("PYTORCH_LIBRARY_PATH", expected.toString()),
                        Map.entry("PYTORCH_FLAVOR", "cu128"),
                        Map.entry("PYTORCH_VERSION", "2.7.1"));
    }

    @Test
    void aPipVenvHoldingAnotherTorchIsRefusedNamingTheVenv() throws IOException {
        Path venv = pipVenv("2.6.0+cu124");
        assertThatThrownBy(() -> LibtorchLoader.settings(LibtorchRequest.parse("pip"), venv))
                .hasMessage(
                        "engine.libtorch pip (the venv "
                                + venv
                                + ") holds libtorch 2.6.0, but pdml's engine (DJL's pytorch-jni"
                                + " 2.7.1) loads only libtorch 2.7.1");
    }

    @Test
    void withoutTheDriverACudaBuildLoadsFromLinksToAllButNvrtcAtTheSameDepth() throws IOException {
        Path lib = libs(tmp.resolve("torch/lib"), "libtorch.so", "libc10.so", "libcaffe2_nvrtc.so");
        LibtorchFolder f = LibtorchFolder.inspect(lib);
        assertThat(f.loadableDir(true)).isEqualTo(lib);
        Path links = f.loadableDir(false);
        assertThat(links).isEqualTo(tmp.resolve("torch/lib-pdml-nodriver"));
        try (Stream<Path> entries = Files.list(links)) {
            List<Path> all = entries.sorted().toList();
            assertThat(all)
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("libc10.so", "libtorch.so");
            for (Path link : all) {
                assertThat(Files.readSymbolicLink(link)).isEqualTo(lib.resolve(link.getFileName()));
            }
        }
        assertThat(f.loadableDir(false)).as("reused").isEqualTo(links);
    }
}
