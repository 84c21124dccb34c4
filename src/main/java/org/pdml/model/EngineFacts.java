package org.pdml.model;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the loaded PyTorch engine can run on: the facts a device choice rests on, and what a failed
 * choice reports.
 *
 * @param version libtorch version the engine loaded (e.g. {@code 2.7.1})
 * @param flavour libtorch build: {@code cpu}, {@code cu128}, … ({@code PYTORCH_FLAVOR}, variable or
 *     property, when set, else read from DJL's cache folder name {@code
 *     <version>-<flavour>-<os>-<arch>})
 * @param libtorchPath the folder libtorch was loaded from
 * @param cudaBuilt whether that libtorch was built with CUDA (DJL's CUDA capability, or a {@code
 *     cuNNN} flavour where no driver lets libtorch report it)
 * @param cudaRuntime the CUDA runtime version DJL found, or {@code none}
 * @param gpuCount GPUs visible to the engine
 * @param gpuName name of GPU 0 from {@code nvidia-smi}, {@code none} without GPUs, {@code unknown}
 *     where {@code nvidia-smi} does not answer
 */
public record EngineFacts(
        String version,
        String flavour,
        String libtorchPath,
        boolean cudaBuilt,
        String cudaRuntime,
        int gpuCount,
        String gpuName) {

    /**
     * Loads the PyTorch engine (if not yet loaded) and reads its facts.
     *
     * @return the facts of this process's engine
     */
    public static EngineFacts probe() {
        Engine engine = Engine.getEngine("PyTorch");
        String path = LibUtils.getLibtorchPath();
        String flavour = flavourOf(Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR"), path);
        // without a driver libtorch reports no CUDA capability, yet a cuNNN build has CUDA
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA) || flavour.startsWith("cu");
        int gpus = cuda ? engine.getGpuCount() : 0;
        String runtime = CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : "none";
        return new EngineFacts(
                engine.getVersion(),
                flavour,
                path,
                cuda,
                runtime,
                gpus,
                gpus > 0 ? nvidiaSmiName() : "none");
    }

    /**
     * The libtorch flavour: {@code PYTORCH_FLAVOR} when set, else the field of DJL's cache folder
     * name that names a build ({@code cpu}, {@code cuNNN}, {@code rocm…}; e.g. {@code
     * 2.7.1-20250812-cpu-linux-x86_64} → {@code cpu}), else {@code unknown}.
     *
     * @param env the value of {@code PYTORCH_FLAVOR} (variable, else property), or null
     * @param libtorchPath the folder libtorch was loaded from, or null
     * @return the flavour
     */
    static String flavourOf(String env, String libtorchPath) {
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        Path name = libtorchPath == null ? null : Path.of(libtorchPath).getFileName();
        if (name != null && name.toString().matches("\\d+\\.\\d+\\.\\d+-.*")) {
            for (String field : name.toString().split("-")) {
                if (field.matches("cpu|cu\\d+|rocm[\\d.]*")) {
                    return field;
                }
            }
        }
        return "unknown";
    }

    private static String nvidiaSmiName() {
        try {
            Process p =
                    new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader")
                            .redirectErrorStream(true)
                            .start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                boolean done = p.waitFor(10, TimeUnit.SECONDS);
                return done && p.exitValue() == 0 && !out.isEmpty()
                        ? out.lines().findFirst().get()
                        : "unknown";
            }
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * One line for messages: {@code PyTorch 2.7.1 (flavour cpu, libtorch /…, CUDA runtime none, 0
     * GPUs)}.
     *
     * @return the facts in words
     */
    public String describe() {
        return "PyTorch "
                + version
                + " (flavour "
                + flavour
                + (cudaBuilt ? ", built with CUDA" : ", CPU-only build")
                + ", libtorch "
                + libtorchPath
                + ", CUDA runtime "
                + cudaRuntime
                + ", "
                + gpuCount
                + (gpuCount == 1 ? " GPU" : " GPUs")
                + (gpuCount > 0 ? ": " + gpuName : "")
                + ")";
    }

    /**
     * The facts as run tags: {@code pdml.engine.version}, {@code .flavour}, {@code .libtorch},
     * {@code .cuda_runtime}, {@code pdml.gpu.count}, {@code pdml.gpu.name}.
     *
     * @return tag → value, in a fixed order
     */
    public Map<String, String> tags() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("pdml.engine.version", version);
        t.put("pdml.engine.flavour", flavour);
        t.put("pdml.engine.libtorch", String.valueOf(libtorchPath));
        t.put("pdml.engine.cuda_runtime", cudaRuntime);
        t.put("pdml.gpu.count", Integer.toString(gpuCount));
        t.put("pdml.gpu.name", gpuName);
        return t;
    }
}
