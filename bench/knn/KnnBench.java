import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pdml.eval.EmbeddingFile;
import org.pdml.eval.MetricsOptions;
import org.pdml.eval.QueryGallerySplit;
import org.pdml.eval.metrics.MapAtR;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.RPrecision;
import org.pdml.eval.metrics.RecallAtK;
import org.pdml.eval.retrieval.ExactKnn;
import org.pdml.eval.retrieval.Similarity;

/** pdml exact kNN + R@k, RP, MAP@R on an embedding folder; prints time and memory as JSON. */
public class KnnBench {
    static double rssMb(String key) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        EmbeddingFile f = EmbeddingFile.read(Path.of(args[0]));
        QueryGallerySplit split = QueryGallerySplit.of(f, false);
        long[] y = f.labels();
        int[] r = NeighbourLabels.relevantCounts(y, y, split.selfInGallery());
        int k = Math.max(8, java.util.Arrays.stream(r).max().orElse(0));
        float[] rows = f.rows(split.queries());
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        NeighbourLabels n;
        try (NDManager m = NDManager.newBaseManager()) {
            m.create(new float[] {1}).add(1).toFloatArray(); // load the engine before timing
            double base = rssMb("VmRSS");
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            int block = args.length > 1 ? Integer.parseInt(args[1]) : 0; // 0: the default
            var found = new ExactKnn(Similarity.COSINE, k, block)
                    .search(m, rows, rows, f.dim(), split.selfInGallery());
            n = new NeighbourLabels(y, found.labels(y), r);
            report(f, n, (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9,
                    rssMb("VmHWM") - base);
        }
    }

    static void report(EmbeddingFile f, NeighbourLabels n, double seconds, double cpu,
            double extraMb) {
        StringBuilder metrics = new StringBuilder();
        for (int q : new int[] {1, 2, 4, 8}) {
            metrics.append(String.format(", \"recall@%d\": %.6f", q, RecallAtK.compute(n, q)));
        }
        metrics.append(String.format(", \"r_precision\": %.6f, \"map@r\": %.6f",
                RPrecision.compute(n), MapAtR.compute(n)));
        System.out.printf("{\"tool\": \"pdml\", \"n\": %d, \"seconds\": %.3f, "
                + "\"cpu_seconds\": %.3f, \"extra_peak_mb\": %.1f%s}%n", f.count(), seconds,
                cpu, extraMb, metrics);
    }
}
