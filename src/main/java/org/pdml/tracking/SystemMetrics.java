package org.pdml.tracking;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Host metrics for MLflow's System metrics tab (names under {@value #PREFIX}), sampled once per
 * training epoch so that a starved input pipeline or a full GPU shows beside the loss:
 *
 * <ul>
 *   <li>{@code cpu_utilization_percentage}: the whole machine's recent CPU load, 0–100;
 *   <li>{@code process_cpu_utilization_percentage}: this JVM's CPU time since the previous sample
 *       over wall time × cores, 0–100 (an average over the epoch, not a snapshot);
 *   <li>{@code system_memory_usage_megabytes} / {@code _percentage}: total − free physical memory;
 *   <li>{@code process_rss_megabytes}: resident memory, native tensors included ({@code
 *       /proc/self/status}, Linux); {@code jvm_heap_used_megabytes};
 *   <li>{@code gpu_<i>_utilization_percentage}, {@code gpu_<i>_memory_usage_megabytes}: from {@code
 *       nvidia-smi}, for the GPU training runs on; absent when it does not answer.
 * </ul>
 *
 * Megabytes are MiB (2²⁰ bytes).
 */
public final class SystemMetrics {
    /** MLflow's prefix for system metrics. */
    public static final String PREFIX = "system/";

    private static final double MIB = 1 << 20;

    private final com.sun.management.OperatingSystemMXBean os;
    private final LongSupplier nanoTime;
    private final OptionalInt gpu;
    private long lastCpuNanos;
    private long lastWallNanos;

    /**
     * Starts sampling: the first {@link #sample} averages the process CPU from now.
     *
     * @param gpu the CUDA device index training runs on, or empty on the CPU
     */
    public SystemMetrics(OptionalInt gpu) {
        this(gpu, System::nanoTime);
    }

    SystemMetrics(OptionalInt gpu, LongSupplier nanoTime) {
        this.os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        this.nanoTime = nanoTime;
        this.gpu = gpu;
        this.lastCpuNanos = os.getProcessCpuTime();
        this.lastWallNanos = nanoTime.getAsLong();
    }

    /**
     * Samples every metric that can be read here.
     *
     * @return metric name ({@value #PREFIX}…) → value, sorted by name
     */
    public synchronized Map<String, Double> sample() {
        Map<String, Double> m = new TreeMap<>();
        double load = os.getCpuLoad();
        if (load >= 0) {
            m.put(PREFIX + "cpu_utilization_percentage", 100 * load);
        }
        m.put(PREFIX + "process_cpu_utilization_percentage", processCpuPercent());
        long total = os.getTotalMemorySize();
        long used = total - os.getFreeMemorySize();
        m.put(PREFIX + "system_memory_usage_megabytes", used / MIB);
        m.put(PREFIX + "system_memory_usage_percentage", 100.0 * used / total);
        Runtime rt = Runtime.getRuntime();
        m.put(PREFIX + "jvm_heap_used_megabytes", (rt.totalMemory() - rt.freeMemory()) / MIB);
        residentBytes().ifPresent(b -> m.put(PREFIX + "process_rss_megabytes", b / MIB));
        gpu.ifPresent(i -> m.putAll(gpuMetrics(i, queryNvidiaSmi(i))));
        return m;
    }

    private double processCpuPercent() {
        long cpu = os.getProcessCpuTime();
        long wall = nanoTime.getAsLong();
        double busy = (cpu - lastCpuNanos) / (double) Math.max(1, wall - lastWallNanos);
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return Math.min(100, 100 * busy / Runtime.getRuntime().availableProcessors());
    }

    /** Resident set size from {@code /proc/self/status} ({@code VmRSS}, kB); empty elsewhere. */
    static java.util.OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return java.util.OptionalLong.of(1024 * Long.parseLong(kb));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no procfs: the metric is left out
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * Parses one line of {@code nvidia-smi --query-gpu=utilization.gpu,memory.used
     * --format=csv,noheader,nounits} ("{@code 87, 10240}": percent, MiB).
     *
     * @param index the GPU index
     * @param line the line, or null when nvidia-smi did not answer
     * @return the two metrics, or none for a missing or malformed line
     */
    static Map<String, Double> gpuMetrics(int index, String line) {
        if (line == null) {
            return Map.of();
        }
        String[] f = line.split(",");
        try {
            return Map.of(
                    PREFIX + "gpu_" + index + "_utilization_percentage",
                    Double.parseDouble(f[0].trim()),
                    PREFIX + "gpu_" + index + "_memory_usage_megabytes",
                    Double.parseDouble(f[1].trim()));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private static String queryNvidiaSmi(int index) {
        List<String> cmd =
                List.of(
                        "nvidia-smi",
                        "--query-gpu=utilization.gpu,memory.used",
                        "--format=csv,noheader,nounits",
                        "-i",
                        Integer.toString(index));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
            return ok ? out.lines().findFirst().orElse(null) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
