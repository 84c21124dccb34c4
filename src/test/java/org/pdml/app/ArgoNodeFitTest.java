package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every step of the Argo workflows names a node type ({@code node.kubernetes.io/instance-type} in
 * its {@code nodeSelector}), and its requests and limits fit that node type's allocatable CPU,
 * memory and GPUs, less what else must run on the node: the Cloud Storage FUSE sidecar that GKE
 * injects into pods annotated {@code gke-gcsfuse/volumes}, and GKE's system DaemonSets. A pod that
 * asks for more is never scheduled (the workflow waits in Pending), which is what cpu 8 / 32Gi on a
 * g2-standard-8 did.
 */
class ArgoNodeFitTest {
    private static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
    private static final String ACCELERATOR = "cloud.google.com/gke-accelerator";
    private static final long GI = 1L << 30;
    private static final long MI = 1L << 20;

    /** A Compute Engine machine type: vCPUs, memory in GiB, attached GPUs and their model. */
    record NodeType(int vcpus, int memoryGib, int gpus, String accelerator) {
        /** Allocatable CPU in millicores: capacity less GKE's CPU reservation. */
        long cpuMillis() {
            double reserved =
                    0.06 * Math.min(vcpus, 1)
                            + 0.01 * clamp(vcpus - 1, 1)
                            + 0.005 * clamp(vcpus - 2, 2)
                            + 0.0025 * Math.max(vcpus - 4, 0);
            return Math.round((vcpus - reserved) * 1000);
        }

        /** Allocatable memory in bytes: capacity less GKE's reservation and eviction threshold. */
        long memoryBytes() {
            double gib = memoryGib;
            double reserved =
                    0.25 * clamp(gib, 4)
                            + 0.20 * clamp(gib - 4, 4)
                            + 0.10 * clamp(gib - 8, 8)
                            + 0.06 * clamp(gib - 16, 112)
                            + 0.02 * Math.max(gib - 128, 0);
            return (long) ((gib - reserved) * GI) - 100 * MI;
        }

        private static double clamp(double v, double max) {
            return Math.max(0, Math.min(v, max));
        }
    }

    /**
     * Machine types (Compute Engine machine-type docs: n2-standard-N has N vCPUs and 4N GB, g2-
     * standard-8 has 8 vCPUs, 32 GB and one L4, g2-standard-12 12 vCPUs, 48 GB and one L4). The
     * allocatable share follows GKE's "Plan GKE Standard node sizes" page: CPU reserved is 6% of
     * the first core, 1% of the next, 0.5% of the next two and 0.25% of the rest; memory reserved
     * is 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112 and 2%
     * above, plus a 100 MiB eviction threshold.
     */
    static final Map<String, NodeType> NODE_TYPES =
            Map.of(
                    "n2-standard-4", new NodeType(4, 16, 0, null),
                    "n2-standard-8", new NodeType(8, 32, 0, null),
                    "n2-standard-16", new NodeType(16, 64, 0, null),
                    "g2-standard-8", new NodeType(8, 32, 1, "nvidia-l4"),
                    "g2-standard-12", new NodeType(12, 48, 1, "nvidia-l4"));

    /**
     * The Cloud Storage FUSE CSI driver's sidecar defaults (GKE docs, "Configure resources for the
     * sidecar container": cpu 250m, memory 256Mi) in pods that mount the bucket.
     */
    static final long SIDECAR_CPU_MILLIS = 250;

    static final long SIDECAR_MEMORY = 256 * MI;

    /**
     * An estimate, not a published figure: the requests of GKE's DaemonSets on a node (kube-proxy,
     * logging and metrics agents, the disk and FUSE CSI node plugins, the NVIDIA device plugin on
     * GPU nodes), kept free so the step still fits; check with {@code kubectl describe node}.
     */
    static final long SYSTEM_PODS_CPU_MILLIS = 500;

    static final long SYSTEM_PODS_MEMORY = GI;

    @Test
    void everyStepNamesANodeTypeAndFitsIt() throws IOException {
        List<String> problems = new ArrayList<>();
        int steps = 0;
        for (ArgoTemplates.Script s : new ArgoTemplates().scripts()) {
            problems.addAll(fitProblems(s.where(), s.node()));
            steps++;
        }
        assertThat(problems).isEmpty();
        assertThat(steps).isEqualTo(5);
    }

    @Test
    void theOldTrainingRequestDoesNotFitAnL4Node() {
        NodeType g2 = NODE_TYPES.get("g2-standard-8");
        assertThat(g2.cpuMillis()).isEqualTo(7910);
        assertThat(g2.memoryBytes()).isBetween(28 * GI, 29 * GI);
        assertThat(free(g2, true)[0]).isLessThan(8000);
        assertThat(free(g2, true)[1]).isLessThan(32 * GI);
    }

    /** Free CPU (millicores) and memory (bytes) for one step's container on a node. */
    private static long[] free(NodeType node, boolean mountsBucket) {
        long cpu = node.cpuMillis() - SYSTEM_PODS_CPU_MILLIS;
        long memory = node.memoryBytes() - SYSTEM_PODS_MEMORY;
        if (mountsBucket) {
            cpu -= SIDECAR_CPU_MILLIS;
            memory -= SIDECAR_MEMORY;
        }
        return new long[] {cpu, memory};
    }

    private static List<String> fitProblems(String where, JsonNode template) {
        List<String> problems = new ArrayList<>();
        String type = template.path("nodeSelector").path(INSTANCE_TYPE).asText("");
        NodeType node = NODE_TYPES.get(type);
        if (node == null) {
            problems.add(
                    where + ": nodeSelector " + INSTANCE_TYPE + " '" + type + "' not in table");
            return problems;
        }
        String accelerator = template.path("nodeSelector").path(ACCELERATOR).asText(null);
        if (accelerator != null && !accelerator.equals(node.accelerator())) {
            problems.add(where + ": " + type + " has no " + accelerator);
        }
        JsonNode resources = template.path("script").path("resources");
        boolean mountsBucket = template.path("script").has("volumeMounts");
        long[] free = free(node, mountsBucket);
        problems.addAll(fit(where, resources, "cpu", free[0], true));
        problems.addAll(fit(where, resources, "memory", free[1], false));
        int gpus = resources.path("limits").path("nvidia.com/gpu").asInt(0);
        if (gpus > node.gpus()) {
            problems.add(where + ": " + gpus + " GPUs on " + type + " with " + node.gpus());
        }
        return problems;
    }

    private static List<String> fit(
            String where, JsonNode resources, String name, long free, boolean cpu) {
        List<String> problems = new ArrayList<>();
        if (!resources.path("requests").has(name)) {
            problems.add(where + ": no " + name + " request");
        }
        for (String kind : List.of("requests", "limits")) {
            JsonNode q = resources.path(kind).path(name);
            if (!q.isMissingNode()) {
                long asked = cpu ? millis(q.asText()) : bytes(q.asText());
                if (asked > free) {
                    problems.add(
                            where + ": " + kind + "." + name + " " + q.asText() + " > " + free);
                }
            }
        }
        return problems;
    }

    /** A Kubernetes CPU quantity in millicores: {@code 6}, {@code 500m}, {@code 1.5}. */
    static long millis(String quantity) {
        if (quantity.endsWith("m")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 1));
        }
        return new BigDecimal(quantity).movePointRight(3).longValueExact();
    }

    /** A Kubernetes memory quantity in bytes: binary ({@code Gi}) or decimal ({@code G}) units. */
    static long bytes(String quantity) {
        for (Map.Entry<String, Long> unit : MEMORY_UNITS.entrySet()) {
            if (quantity.endsWith(unit.getKey())) {
                String number = quantity.substring(0, quantity.length() - unit.getKey().length());
                return new BigDecimal(number)
                        .multiply(BigDecimal.valueOf(unit.getValue()))
                        .longValue();
            }
        }
        return new BigDecimal(quantity).longValueExact();
    }

    /** Binary suffixes first, so {@code Gi} is not read as {@code G}'s neighbour. */
    private static final Map<String, Long> MEMORY_UNITS = units();

    private static Map<String, Long> units() {
        Map<String, Long> u = new java.util.LinkedHashMap<>();
        u.put("Ki", 1L << 10);
        u.put("Mi", 1L << 20);
        u.put("Gi", 1L << 30);
        u.put("Ti", 1L << 40);
        u.put("k", 1000L);
        u.put("M", 1000_000L);
        u.put("G", 1000_000_000L);
        u.put("T", 1000_000_000_000L);
        return u;
    }
}
