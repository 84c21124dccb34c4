package org.pdml.model;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.LibUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.pdml.config.LibtorchRequest;
import org.pdml.venv.PinnedVenv;

/**
 * Loads the PyTorch engine from the libtorch that {@code engine.libtorch} names. DJL 0.36 reads
 * {@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_FLAVOR} and {@code PYTORCH_VERSION} from the
 * environment or, where a variable is unset, from system properties, once, when the engine first
 * loads; this class sets the properties and then loads the engine, so it must run before anything
 * else touches DJL. For a libtorch of its own, DJL uses the JNI of that flavour from pytorch-jni
 * ({@code cu128} for a CUDA build, which needs only CUDA 12 sonames) and needs the path, flavour
 * and version together.
 *
 * <ul>
 *   <li>{@code bundled-cpu}: DJL's own resolution (the Maven natives), with no libtorch override in
 *       the environment;
 *   <li>{@code pip}: the venv {@code $PDML_TORCH_VENV} (default {@value #DEFAULT_PIP_VENV}) with
 *       PyPI's {@code torch==}{@value #VERSION}, created on first use; its {@code nvidia-*} wheels
 *       are found through the run paths that PyPI's libraries carry;
 *   <li>a path: the user's libtorch {@value #VERSION} folder.
 * </ul>
 *
 * <p>Every mismatch fails in one sentence ({@link LibtorchException}) before or while loading.
 */
public final class LibtorchLoader {

    /** The libtorch version that DJL 0.36's pytorch-jni is built for. */
    public static final String VERSION = "2.7.1";

    /** The pip venv used when {@code PDML_TORCH_VENV} is unset, relative to the working folder. */
    public static final String DEFAULT_PIP_VENV = ".cache/torch-venv";

    /** The requirement installed into the pip venv. */
    public static final String PIP_REQUIREMENT = "torch==" + VERSION;

    private static final Duration PIP_TIMEOUT = Duration.ofMinutes(60);
    private static final List<String> OVERRIDES =
            List.of("PYTORCH_LIBRARY_PATH", "PYTORCH_FLAVOR", "PYTORCH_VERSION");

    private static LibtorchRequest loaded;

    private LibtorchLoader() {}

    /** A libtorch that cannot be loaded as asked; the message is one sentence naming why. */
    public static final class LibtorchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LibtorchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Points DJL at the requested libtorch, loads the engine and reads its facts. A second call in
     * the same process returns the facts of the first load when it asks for the same libtorch.
     *
     * @param request what {@code engine.libtorch} asks for
     * @return the loaded engine's facts
     * @throws LibtorchException when the folder holds no libtorch, the wrong version, the pip venv
     *     cannot be made, the environment overrides the request, the engine was already loaded from
     *     elsewhere, or the libtorch fails to load
     */
    public static synchronized EngineFacts load(LibtorchRequest request) {
        try {
            Map<String, String> settings = settings(request, pipVenv());
            requireNoOtherLoad(request);
            apply(request, settings);
            Engine.getEngine("PyTorch");
            checkLoadedFrom(request, settings.get("PYTORCH_LIBRARY_PATH"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new LibtorchException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new LibtorchException(e.getMessage() + ": " + e.getCause().getMessage(), e);
        } catch (EngineException | UnsatisfiedLinkError e) {
            throw new LibtorchException(
                    "engine.libtorch "
                            + describe(request)
                            + " failed to load (a libtorch other than "
                            + VERSION
                            + ", or a library it needs is missing): "
                            + rootMessage(e),
                    e);
        }
        loaded = request;
        return EngineFacts.probe();
    }

    private static void requireNoOtherLoad(LibtorchRequest request) {
        if (loaded != null && !loaded.equals(request)) {
            throw new IllegalStateException(
                    "engine.libtorch is "
                            + describe(request)
                            + ", but this process already loaded the engine from "
                            + describe(loaded)
                            + " and can load it only once");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The DJL settings of a request, checked against the folder it names (nothing is loaded).
     *
     * @param request what {@code engine.libtorch} asks for
     * @param venv the pip venv, for {@code pip} (created when not ready)
     * @return {@code PYTORCH_*} name → value; empty for bundled-cpu
     * @throws IllegalArgumentException when the folder holds no libtorch or another version
     * @throws IllegalStateException when the pip venv cannot be made or holds no torch
     */
    static Map<String, String> settings(LibtorchRequest request, Path venv) {
        Map<String, String> s = new LinkedHashMap<>();
        LibtorchFolder folder =
                switch (request.kind()) {
                    case BUNDLED_CPU -> null;
                    case PIP -> pipFolder(venv);
                    case PATH -> LibtorchFolder.inspect(request.path());
                };
        if (folder != null) {
            folder.requireVersion(VERSION, "engine.libtorch " + describe(request, venv));
            s.put("PYTORCH_LIBRARY_PATH", folder.loadableDir(GpuDriver.present()).toString());
            s.put("PYTORCH_FLAVOR", folder.flavour());
            s.put("PYTORCH_VERSION", VERSION);
        }
        return s;
    }

    /**
     * The pip venv's folder: {@code $PDML_TORCH_VENV}, else {@value #DEFAULT_PIP_VENV}.
     *
     * @return the venv folder (it may not exist yet)
     */
    public static Path pipVenv() {
        String env = System.getenv("PDML_TORCH_VENV");
        return Path.of(env == null || env.isBlank() ? DEFAULT_PIP_VENV : env);
    }

    /**
     * The {@code torch/lib} folder of the pip venv, creating the venv first when it is not ready.
     *
     * @param venv the venv folder
     * @return the folder, inspected
     * @throws IllegalStateException when pip fails, or the venv holds no torch
     */
    static LibtorchFolder pipFolder(Path venv) {
        PinnedVenv.ensure(venv, List.of(PIP_REQUIREMENT), PIP_TIMEOUT);
        try (Stream<Path> pythons = Files.list(venv.resolve("lib"))) {
            Path lib =
                    pythons.map(p -> p.resolve("site-packages/torch/lib"))
                            .filter(Files::isDirectory)
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "the pip venv "
                                                            + venv
                                                            + " holds no torch package; delete it"
                                                            + " and pdml makes it again"));
            return LibtorchFolder.inspect(lib);
        } catch (IOException e) {
            throw new IllegalStateException("the pip venv " + venv + " cannot be read: " + e, e);
        }
    }

    private static String describe(LibtorchRequest request) {
        return describe(request, pipVenv());
    }

    private static String describe(LibtorchRequest request, Path venv) {
        return request.kind() == LibtorchRequest.Kind.PIP
                ? "pip (the venv " + venv + ")"
                : request.toString();
    }

    /**
     * Sets the system properties, after checking that no environment variable (which DJL prefers)
     * says otherwise.
     */
    private static void apply(LibtorchRequest request, Map<String, String> settings) {
        // bundled-cpu leaves flavour and version to DJL (its online download reads them)
        List<String> checked = settings.isEmpty() ? OVERRIDES.subList(0, 1) : OVERRIDES;
        for (String name : checked) {
            String env = System.getenv(name);
            String want = settings.get(name);
            if (env != null && !env.isEmpty() && !sameSetting(env, want)) {
                throw new IllegalStateException(
                        "engine.libtorch is "
                                + describe(request)
                                + (want == null ? "" : ", which needs " + name + "=" + want)
                                + ", but the environment sets "
                                + name
                                + "="
                                + env
                                + ", which DJL would use instead: unset it");
            }
        }
        settings.forEach(System::setProperty);
    }

    private static boolean sameSetting(String env, String want) {
        if (want == null) {
            return false;
        }
        if (env.equals(want)) {
            return true;
        }
        try {
            return Path.of(env).toRealPath().equals(Path.of(want).toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Fails when DJL loaded libtorch from elsewhere (the engine was loaded before the request). */
    private static void checkLoadedFrom(LibtorchRequest request, String expected) {
        String actual = LibUtils.getLibtorchPath();
        if (expected != null && !Objects.equals(Path.of(actual), Path.of(expected))) {
            throw new IllegalStateException(
                    "engine.libtorch is "
                            + describe(request)
                            + ", but this process had already loaded the engine from "
                            + actual
                            + " before the setting could apply");
        }
    }
}
