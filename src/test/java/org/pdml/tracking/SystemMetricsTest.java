package org.pdml.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pdml.train.TrackingTrainListener;

/** {@link SystemMetrics} against what the kernel and the JVM report independently. */
class SystemMetricsTest {
    private static final String P = SystemMetrics.PREFIX;

    @Test
    void processCpuIsAtLeastTheCpuTimeOfABusyThreadOverTheInterval() {
        SystemMetrics metrics = new SystemMetrics(OptionalInt.empty());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        double sink = 0;
        while (System.nanoTime() - wall0 < 400_000_000L) {
            sink += Math.sqrt(sink + 1);
        }
        long busy = threads.getCurrentThreadCpuTime() - cpu0;
        Map<String, Double> m = metrics.sample();
        long wall = System.nanoTime() - wall0;
        double floor = 100.0 * busy / wall / Runtime.getRuntime().availableProcessors();
        assertThat(sink).isPositive();
        assertThat(m.get(P + "process_cpu_utilization_percentage"))
                .isGreaterThanOrEqualTo(0.9 * floor)
                .isLessThanOrEqualTo(100.0);
        assertThat(m.get(P + "cpu_utilization_percentage")).isBetween(0.0, 100.0);
    }

    @Test
    void memoryAgreesWithProcMeminfoAndStatm() throws IOException {
        Map<String, Double> m = new SystemMetrics(OptionalInt.empty()).sample();
        double totalMib = meminfoKb("MemTotal") / 1024.0;
        double used = m.get(P + "system_memory_usage_megabytes");
        assertThat(used).isBetween(0.0, totalMib);
        assertThat(m.get(P + "system_memory_usage_percentage"))
                .isCloseTo(100 * used / totalMib, within(0.5));
        String[] statm = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
        double statmMib = Long.parseLong(statm[1]) * 4096 / (1024.0 * 1024.0);
        assertThat(m.get(P + "process_rss_megabytes")).isCloseTo(statmMib, within(0.2 * statmMib));
        assertThat(m.get(P + "jvm_heap_used_megabytes")).isPositive();
        assertThat(m.keySet()).noneMatch(k -> k.contains("gpu"));
    }

    @Test
    void nvidiaSmiLinesParseAndAnythingElseIsLeftOut() {
        assertThat(SystemMetrics.gpuMetrics(1, "87, 10240"))
                .containsEntry(P + "gpu_1_utilization_percentage", 87.0)
                .containsEntry(P + "gpu_1_memory_usage_megabytes", 10240.0);
        assertThat(SystemMetrics.gpuMetrics(0, null)).isEmpty();
        assertThat(SystemMetrics.gpuMetrics(0, "[N/A], [N/A]")).isEmpty();
        assertThat(SystemMetrics.gpuMetrics(0, "No devices were found")).isEmpty();
    }

    @Test
    void trainingLogsThemOncePerEpochUnderTheSystemPrefix() {
        InMemoryRunTracker run = new InMemoryRunTracker("train", SecretRedactor.of(List.of()));
        TrackingTrainListener listener = new TrackingTrainListener(run);
        listener.onDevice(ai.djl.Device.cpu());
        listener.onEpoch(1, Map.of("val_recall_at_1", 0.5));
        listener.onEpoch(2, Map.of("val_recall_at_1", 0.6));
        for (String key :
                List.of(
                        "cpu_utilization_percentage",
                        "process_cpu_utilization_percentage",
                        "system_memory_usage_megabytes",
                        "process_rss_megabytes")) {
            assertThat(run.metricHistory(P + key))
                    .as(key)
                    .extracting(InMemoryRunTracker.MetricPoint::step)
                    .containsExactly(1L, 2L);
        }
    }

    private static long meminfoKb(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException(key + " not in /proc/meminfo");
    }
}
