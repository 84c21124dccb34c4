package org.pdml.preprocess.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessOptions;
import org.pdml.preprocess.PreprocessStage;
import org.pdml.preprocess.RunnerChoice;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.index.IndexEntry;

/**
 * bench/preprocess: images/s of the Beam pipeline (DirectRunner, all cores) and of a plain
 * single-threaded decode/resize/encode loop over the same Emoji-Vendors files, in one JVM. Args:
 * {@code <output dir> <image size> <classes per half (0 = all)>}.
 */
public final class PreprocessBench {
    private static final int WARM_RUNS = 3;

    private PreprocessBench() {}

    /**
     * Runs the benchmark and prints one result line per variant.
     *
     * @param args output folder, image size, classes per half
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        PreparedDataset ds =
                EmojiVendors.build(
                        Path.of(".cache", "datasets"),
                        new EmojiVendors.Config(
                                EmojiVendors.Config.defaultVendors(),
                                Integer.parseInt(args[2]),
                                false),
                        System.out::println);
        int n = ds.entries().size();
        loop(ds, size); // warm-up: JIT and ImageIO plugin scan
        long t0 = System.nanoTime();
        long bytes = loop(ds, size);
        double loopRate = n / ((System.nanoTime() - t0) / 1e9);
        int cores = Runtime.getRuntime().availableProcessors();
        // The same loop on every core (no Beam): the ceiling of the image code itself.
        long tp = System.nanoTime();
        parallelLoop(ds, size, cores);
        double parallelRate = n / ((System.nanoTime() - tp) / 1e9);
        // The options the CLI builds for --runner direct, defaults included.
        PreprocessOptions o =
                PipelineOptionsFactory.fromArgs(
                                RunnerChoice.DIRECT.pipelineArgs(List.of()).toArray(String[]::new))
                        .as(PreprocessOptions.class);
        o.setDataset(ds.name());
        o.setSource(ds.root());
        o.setOutput(out.toString());
        o.setImageSize(size);
        o.setEncoding("png");
        o.setOverwrite(true);
        long t1 = System.nanoTime();
        // Progress and the stage's own timing line (pipeline vs shard read-back).
        PreprocessStage.run(o, ds, line -> System.out.println("  | " + line));
        double coldRate = n / ((System.nanoTime() - t1) / 1e9);
        // Further runs in the same JVM: Beam's classes loaded and JIT-compiled, as in any run
        // long enough for the start-up to vanish; same data, same work, fresh output each time.
        double[] warmRates = new double[WARM_RUNS];
        double[] warmBusy = new double[WARM_RUNS];
        for (int r = 0; r < WARM_RUNS; r++) {
            o.setOutput(out + "-warm" + r);
            long c2 = cpuNanos();
            long t2 = System.nanoTime();
            PreprocessStage.run(o, ds, line -> System.out.println("  | " + line));
            long wall2 = System.nanoTime() - t2;
            warmRates[r] = n / (wall2 / 1e9);
            warmBusy[r] = (double) (cpuNanos() - c2) / wall2;
        }
        double pipeRate = median(warmRates);
        double busyCores = median(warmBusy);
        System.out.printf("images %d, encoded bytes %d%n", n, bytes);
        System.out.printf("loop (1 thread):        %.1f images/s%n", loopRate);
        System.out.printf(
                "loop (%d threads, no Beam): %.1f images/s (%.1f per core), ratio per core %.2f%n",
                cores, parallelRate, parallelRate / cores, parallelRate / cores / loopRate);
        System.out.printf(
                "pipeline, cold JVM (%d cores): %.1f images/s (%.1f per core), ratio per core %.2f%n",
                cores, coldRate, coldRate / cores, coldRate / cores / loopRate);
        System.out.printf(
                "pipeline, warm JVM (%d cores, median of %d runs): %.1f images/s (%.1f per core),"
                        + " ratio per core %.2f; runs: %s images/s%n",
                cores,
                WARM_RUNS,
                pipeRate,
                pipeRate / cores,
                pipeRate / cores / loopRate,
                java.util.Arrays.toString(
                        java.util.Arrays.stream(warmRates).map(Math::rint).toArray()));
        directRunnerIdleCost(o.as(DirectOptions.class).getTargetParallelism());
        System.out.printf(
                "pipeline, warm JVM: %.2f cores busy on average (process CPU time / wall time)%n",
                busyCores);
    }

    /**
     * The DirectRunner's own CPU while its DoFns do nothing: 8 elements, each sleeping 0.5 s in a
     * DoFn, spread by a reshuffle as the stage spreads its shards. Any process CPU time is the
     * runner's scheduling.
     */
    private static void directRunnerIdleCost(int threads) {
        DirectOptions o = PipelineOptionsFactory.as(DirectOptions.class);
        o.setTargetParallelism(threads);
        Pipeline p = Pipeline.create(o);
        p.apply(Create.of(0, 1, 2, 3, 4, 5, 6, 7))
                .apply(Reshuffle.viaRandomKey())
                .apply(ParDo.of(new SleepFn()));
        long c = cpuNanos();
        long t = System.nanoTime();
        p.run().waitUntilFinish();
        long wall = System.nanoTime() - t;
        System.out.printf(
                "DirectRunner alone (%d threads, 8 DoFns sleeping 0.5 s): wall %.2f s, process CPU"
                        + " %.2f s (%.2f cores busy)%n",
                threads, wall / 1e9, (cpuNanos() - c) / 1e9, (double) (cpuNanos() - c) / wall);
    }

    /** Sleeps half a second per element. */
    private static final class SleepFn extends DoFn<Integer, Integer> {
        private static final long serialVersionUID = 1L;

        @ProcessElement
        public void process(@Element Integer i, OutputReceiver<Integer> out)
                throws InterruptedException {
            Thread.sleep(500);
            out.output(i);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void parallelLoop(PreparedDataset ds, int size, int threads) throws Exception {
        List<IndexEntry> all = ds.entries();
        List<Thread> workers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread w =
                    new Thread(
                            () -> {
                                try {
                                    List<IndexEntry> mine = new java.util.ArrayList<>();
                                    for (int i = first; i < all.size(); i += threads) {
                                        mine.add(all.get(i));
                                    }
                                    encodeAll(Path.of(ds.root()), mine, size);
                                } catch (Exception e) {
                                    failure.set(e);
                                }
                            });
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static long loop(PreparedDataset ds, int size) throws Exception {
        return encodeAll(Path.of(ds.root()), ds.entries(), size);
    }

    private static long encodeAll(Path root, List<IndexEntry> entries, int size) throws Exception {
        ImageDecoder decoder = new ImageDecoder(100_000_000L, size, 0xFFFFFF);
        ImageResizer resizer = new ImageResizer(size);
        ImageEncoder encoder = new ImageEncoder(ImageEncoder.Encoding.PNG, 90);
        long total = 0;
        for (IndexEntry e : entries) {
            BufferedImage img =
                    resizer.resize(
                            decoder.decode(Files.readAllBytes(root.resolve(e.path())), e.path()));
            total += encoder.encode(img).length;
        }
        return total;
    }
}
