import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pdml.data.PrefetchingLoader;
import org.pdml.data.RecordTransforms;
import org.pdml.data.SampleTransform;
import org.pdml.data.SplitImages;
import org.pdml.data.TrainTransforms;

/**
 * Images/s of pdml's training input pipeline alone: {@code PrefetchingLoader} over the train split
 * of real JPEG shards, each sample decoded (ImageIO), cropped with RandomResizedCrop to SIDE px
 * (scale (0.08, 1), ratio (3/4, 4/3), bilinear), flipped with p = 0.5 and normalised (ImageNet
 * mean/std) into float CHW, collated into batches of 64. Usage: {@code LoaderBench SHARDS SIDE
 * WORKERS ROUNDS DUMP}: WORKERS comma-separated worker counts, ROUNDS timed epochs per count
 * (median reported), DUMP a file that receives the split's encoded bytes (int length + bytes,
 * big-endian) so that the torchvision baseline decodes exactly the same images. Prints CSV rows
 * {@code impl,workers,images_per_s,images_per_cpu_s}, where CPU is the process's CPU time (all
 * threads), so images per CPU second is the per-core figure. A last row times the decode alone on
 * one thread ({@code pdml-decode-only}), to show which part of the cost it is.
 */
public final class LoaderBench {
    private static final int BATCH = 64;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        SplitImages images = SplitImages.load(Path.of(args[0]), "train");
        int side = Integer.parseInt(args[1]);
        String[] workerCounts = args[2].split(",");
        int rounds = Integer.parseInt(args[3]);
        dump(images, Path.of(args[4]));
        // torchvision's RandomResizedCrop defaults, as RecordTransforms.training builds them.
        TrainTransforms crop = TrainTransforms.imagenetDefaults(side);
        SampleTransform transform =
                (row, seed) -> crop.apply(RecordTransforms.decode(images.get(row)), seed);
        System.out.println("images," + images.size());
        System.out.println("impl,workers,images_per_s,images_per_cpu_s");
        epoch(transform, batches(images.size()), side, 1); // JIT warm-up, untimed
        for (String count : workerCounts) {
            int workers = Integer.parseInt(count);
            double[] wall = new double[rounds];
            double[] cpu = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double[] rate = epoch(transform, batches(images.size()), side, workers);
                wall[r] = rate[0];
                cpu[r] = rate[1];
            }
            System.out.printf("pdml,%d,%.1f,%.1f%n", workers, median(wall), median(cpu));
        }
        double[] decode = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            decode[r] = decodeOnly(images);
        }
        System.out.printf("pdml-decode-only,1,%.1f,-%n", median(decode));
    }

    /** Images/s of the JPEG decode alone on this thread: the share of the loader's cost it is. */
    private static double decodeOnly(SplitImages images) {
        long start = System.nanoTime();
        long pixels = 0;
        for (int i = 0; i < images.size(); i++) {
            pixels += RecordTransforms.decode(images.get(i)).width();
        }
        return pixels > 0 ? images.size() / ((System.nanoTime() - start) / 1e9) : 0;
    }

    /** Consecutive batches of 64 rows over the whole split (the order does not change the cost). */
    private static List<int[]> batches(int n) {
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start + BATCH <= n; start += BATCH) {
            int first = start;
            int[] rows = new int[BATCH];
            Arrays.setAll(rows, i -> first + i);
            out.add(rows);
        }
        return out;
    }

    /** {images/s, images per process-CPU second} of one epoch, from the first batch requested. */
    private static double[] epoch(SampleTransform t, List<int[]> batches, int side, int workers) {
        long start = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        long images = 0;
        try (PrefetchingLoader loader =
                new PrefetchingLoader(
                        batches, row -> 0, t, (b, i) -> 31L * b + i, new int[] {3, side, side},
                        workers, 4)) {
            while (loader.hasNext()) {
                images += loader.next().size();
            }
        }
        return new double[] {
            images / ((System.nanoTime() - start) / 1e9),
            images / ((OS.getProcessCpuTime() - cpu) / 1e9)
        };
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void dump(SplitImages images, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out =
                new DataOutputStream(
                        new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            for (int i = 0; i < images.size(); i++) {
                byte[] bytes = images.get(i).encodedBytes();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }
}
