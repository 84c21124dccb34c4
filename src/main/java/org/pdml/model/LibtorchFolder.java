package org.pdml.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder holding a libtorch build, as found on disk before the engine loads it: a standalone
 * libtorch ({@code <root>/lib/libtorch.so}, version in {@code <root>/build-version}) or the {@code
 * torch/lib} folder of PyPI's {@code torch} (version in {@code torch/version.py}).
 *
 * @param libDir the folder holding {@code libtorch.so}
 * @param version the libtorch version without its local part ({@code 2.7.1} of {@code
 *     2.7.1+cu126}), or empty where no version file was found
 * @param cuda whether it is a CUDA build ({@code libtorch_cuda.so} is present)
 */
public record LibtorchFolder(Path libDir, Optional<String> version, boolean cuda) {

    /** The library that needs the GPU driver's {@code libcuda.so.1} as soon as it is loaded. */
    static final String NVRTC = "libcaffe2_nvrtc.so";

    /** The folder of links that {@link #loadableDir} writes beside {@link #libDir}. */
    static final String NO_DRIVER_DIR = "lib-pdml-nodriver";

    private static final Pattern PY_VERSION =
            Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([^'\"]+)['\"]");

    /**
     * Inspects a folder.
     *
     * @param path a libtorch root, its {@code lib} folder, or a {@code torch/lib} folder
     * @return what it holds
     * @throws IllegalArgumentException in one sentence when neither {@code path} nor {@code
     *     path/lib} holds {@code libtorch.so}
     */
    public static LibtorchFolder inspect(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path lib = Files.isRegularFile(abs.resolve("libtorch.so")) ? abs : abs.resolve("lib");
        if (!Files.isRegularFile(lib.resolve("libtorch.so"))) {
            throw new IllegalArgumentException(
                    "engine.libtorch "
                            + path
                            + " is not a libtorch folder: neither it nor its lib folder holds"
                            + " libtorch.so");
        }
        return new LibtorchFolder(
                lib, versionOf(lib), Files.isRegularFile(lib.resolve("libtorch_cuda.so")));
    }

    /** {@code <lib>/../build-version} (standalone) or {@code <lib>/../version.py} (pip). */
    private static Optional<String> versionOf(Path lib) {
        try {
            Path build = lib.resolveSibling("build-version");
            if (Files.isRegularFile(build)) {
                return Optional.of(stripLocal(Files.readString(build, StandardCharsets.UTF_8)));
            }
            Path py = lib.resolveSibling("version.py");
            if (Files.isRegularFile(py)) {
                Matcher m = PY_VERSION.matcher(Files.readString(py, StandardCharsets.UTF_8));
                return m.find() ? Optional.of(stripLocal(m.group(1))) : Optional.empty();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the libtorch version beside " + lib, e);
        }
    }

    private static String stripLocal(String version) {
        String v = version.trim();
        int plus = v.indexOf('+');
        return plus < 0 ? v : v.substring(0, plus);
    }

    /**
     * The JNI flavour of pytorch-jni that links against this build.
     *
     * @return {@code cu128} for a CUDA build (the JNI needs only the CUDA 12 sonames), else {@code
     *     cpu}
     */
    public String flavour() {
        return cuda ? "cu128" : "cpu";
    }

    /**
     * Requires the version that the engine's JNI was built for.
     *
     * @param required e.g. {@code 2.7.1}
     * @param what how the user named this folder, for the message
     * @throws IllegalArgumentException in one sentence naming both versions; a folder without a
     *     version file passes (the load itself then reports a mismatch)
     */
    public void requireVersion(String required, String what) {
        if (version.isPresent() && !version.get().equals(required)) {
            throw new IllegalArgumentException(
                    what
                            + " holds libtorch "
                            + version.get()
                            + ", but pdml's engine (DJL's pytorch-jni "
                            + required
                            + ") loads only libtorch "
                            + required);
        }
    }

    /**
     * The folder for DJL to load: {@link #libDir} itself, except for a CUDA build on a machine
     * without the GPU driver. DJL loads every library in the folder, and {@value #NVRTC} needs the
     * driver's {@code libcuda.so.1}; there it is {@code <libDir>/../}{@value #NO_DRIVER_DIR}, a
     * folder of links to every library but that one (written once, atomically). The links sit at
     * the depth of {@code libDir}, so the {@code $ORIGIN/../../nvidia/…} run paths of PyPI's
     * libraries still find the {@code nvidia-*} wheels.
     *
     * @param driver whether the GPU driver is installed ({@link GpuDriver#present()})
     * @return the folder
     * @throws UncheckedIOException naming the folder when the links cannot be written
     */
    public Path loadableDir(boolean driver) {
        if (driver || !Files.exists(libDir.resolve(NVRTC))) {
            return libDir;
        }
        Path links = libDir.resolveSibling(NO_DRIVER_DIR);
        if (!Files.isRegularFile(links.resolve("libtorch.so"))) {
            try {
                writeLinks(links);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot write "
                                + links
                                + ", the links that let a CUDA libtorch load without a GPU driver",
                        e);
            }
        }
        return links;
    }

    /** Links every library but {@value #NVRTC} in a temporary folder, then renames it. */
    private void writeLinks(Path links) throws IOException {
        Path tmp = Files.createTempDirectory(libDir.getParent(), NO_DRIVER_DIR + ".tmp");
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(libDir)) {
            for (Path lib : libs) {
                if (!lib.getFileName().toString().equals(NVRTC)) {
                    Files.createSymbolicLink(tmp.resolve(lib.getFileName()), lib);
                }
            }
        }
        try {
            Files.move(tmp, links);
        } catch (IOException e) {
            deleteLinks(tmp);
            if (!Files.isRegularFile(links.resolve("libtorch.so"))) {
                throw e; // not another process's complete folder
            }
        }
    }

    private static void deleteLinks(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                Files.delete(e);
            }
        }
        Files.delete(dir);
    }
}
