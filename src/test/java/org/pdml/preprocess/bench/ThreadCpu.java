package org.pdml.preprocess.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of this JVM, whole and by role of the live threads, read from {@code /proc/self/task}
 * (Linux; elsewhere only the process total is known). Roles: {@code jit} (C1/C2 compiler threads),
 * {@code gc} (GC and G1 threads); the rest of the process is the program's own threads, including
 * those that ended between two readings.
 *
 * @param processNanos process CPU time, ns
 * @param byRoleNanos CPU time of the live threads by role, ns
 */
record ThreadCpu(long processNanos, Map<String, Long> byRoleNanos) {
    private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

    /** Reads the current times. */
    static ThreadCpu now() {
        long process =
                ((com.sun.management.OperatingSystemMXBean)
                                ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime();
        Map<String, Long> roles = new TreeMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> list = Files.list(tasks)) {
                list.forEach(t -> addTask(t, roles));
            } catch (IOException e) {
                roles.clear();
            }
        }
        return new ThreadCpu(process, roles);
    }

    /**
     * CPU time of a role between {@code before} and this reading.
     *
     * @param before the earlier reading
     * @param role {@code jit} or {@code gc}
     * @return ns
     */
    long since(ThreadCpu before, String role) {
        return byRoleNanos.getOrDefault(role, 0L) - before.byRoleNanos.getOrDefault(role, 0L);
    }

    private static void addTask(Path task, Map<String, Long> roles) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            roles.merge(role(name), (long) (ticks * NANOS_PER_TICK), Long::sum);
        } catch (IOException | RuntimeException e) {
            // Why ignored: a thread that ended while the folder was listed has no stat file.
        }
    }

    private static String role(String threadName) {
        if (threadName.contains("CompilerThre")) {
            return "jit";
        }
        if (threadName.startsWith("GC ") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        return "other";
    }
}
