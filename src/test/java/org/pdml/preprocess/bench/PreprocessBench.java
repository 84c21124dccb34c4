package org.pdml.preprocess.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
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
import org.pdml.preprocess.datasets.EmojiVendor;
import org.pdml.preprocess.datasets.EmojiVendors;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.index.IndexEntry;

/**
 * bench/preprocess: images/s of the Beam pipeline ({@code PreprocessStage.run}, DirectRunner with
 * the options {@code pdml preprocess --runner direct} builds) against a plain decode/resize/encode
 * loop over the same Emoji-Vendors files with the same codec classes, in one JVM.
 *
 * <p>Method: one cold pipeline run (first in the JVM); then a warm-up by time in which the loop on
 * one thread, the loop on every core and the pipeline take turns, so that all three are
 * JIT-compiled; then alternating timed rounds of four: the loop on one thread, the loop on every
 * core, the pipeline over the dataset, and the pipeline over the dataset's index repeated {@code k}
 * times (each copy of an entry under its own id, so every copy is read, decoded, resized, encoded
 * and written like any other image). The goal figure is the per-round ratio per core, (pipeline
 * images/s ÷ cores) ÷ (one-thread loop images/s), and its median, for both pipeline runs: the first
 * includes the pipeline's fixed cost per run (runner start-up, Beam's per-run code still being
 * compiled, the manifest) in a run of a few seconds; the repeated index spreads it over {@code k}
 * times the images, as a dataset of that size would. The fixed cost per run is estimated from the
 * two: {@code (k·t₁ − t_k) / (k − 1)}.
 *
 * <p>Args: {@code <output dir> <image size> <classes per half, 0 = all> [vendors, comma-separated,
 * default google,twitter,gemojione,openmoji: the {@code emoji-vendors} recipe] [warm-up seconds,
 * default 90] [rounds, default 7] [k, default 8]}.
 */
public final class PreprocessBench {
    private PreprocessBench() {}

    /**
     * Runs the benchmark and prints one line per round and a summary.
     *
     * @param args see the class comment
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        PreparedDataset ds = dataset(args);
        double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 90;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 7;
        int k = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        if (k < 2) {
            throw new IllegalArgumentException("k (index repeats) must be >= 2, got " + k);
        }
        PreparedDataset big = repeated(ds, k);
        int n = ds.entries().size();
        int cores = Runtime.getRuntime().availableProcessors();
        PreprocessOptions o = options(ds, size);
        System.out.printf(
                "images %d (repeated index: %d), cores %d, vendors %s%n",
                n, big.entries().size(), cores, vendors(args));
        double cold = pipeline(o, ds, out.resolve("cold")).rate(n);
        warmUp(ds, size, cores, o, out, warmupSeconds);
        double[][] r = new double[7][rounds];
        for (int i = 0; i < rounds; i++) {
            r[0][i] = n / seconds(() -> loop(ds, size, 1));
            r[1][i] = n / seconds(() -> loop(ds, size, cores));
            Run p = pipeline(o, ds, out.resolve("round"));
            Run q = pipeline(o, big, out.resolve("round-x" + k));
            r[2][i] = p.rate(n);
            r[3][i] = r[2][i] / cores / r[0][i];
            r[4][i] = q.rate(n * k);
            r[5][i] = r[4][i] / cores / r[0][i];
            r[6][i] = (k * p.wallNanos() - q.wallNanos()) / 1e9 / (k - 1);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: loop 1 thread %.0f img/s | loop %d threads %.0f img/s (%.2f per core)"
                            + " | pipeline %.0f img/s, ratio per core %.2f (%.2f of the %d-thread"
                            + " loop), CPU per image: %s | index x%d: %.0f img/s, ratio per core"
                            + " %.2f, CPU per image: %s | fixed cost per run %.2f s%n",
                    i,
                    r[0][i],
                    cores,
                    r[1][i],
                    r[1][i] / cores / r[0][i],
                    r[2][i],
                    r[3][i],
                    r[2][i] / r[1][i],
                    cores,
                    p.cpuPerImage(n),
                    k,
                    r[4][i],
                    r[5][i],
                    q.cpuPerImage(n * k),
                    r[6][i]);
        }
        summary(r, cold, cores, k);
        directRunnerIdleCost(o.as(DirectOptions.class).getTargetParallelism());
    }

    private static PreparedDataset dataset(String[] args) throws Exception {
        List<EmojiVendor> vendors = new ArrayList<>();
        for (String v : vendors(args).split(",")) {
            vendors.add(EmojiVendor.parse(v.strip()));
        }
        return EmojiVendors.build(
                Path.of(".cache", "datasets"),
                new EmojiVendors.Config(vendors, Integer.parseInt(args[2]), false),
                System.out::println);
    }

    private static String vendors(String[] args) {
        return args.length > 3 ? args[3] : "google,twitter,gemojione,openmoji";
    }

    /** The options the CLI builds for {@code --runner direct}, defaults included. */
    private static PreprocessOptions options(PreparedDataset ds, int size) {
        PreprocessOptions o =
                PipelineOptionsFactory.fromArgs(
                                RunnerChoice.DIRECT.pipelineArgs(List.of()).toArray(String[]::new))
                        .as(PreprocessOptions.class);
        o.setDataset(ds.name());
        o.setSource(ds.root());
        o.setImageSize(size);
        o.setEncoding("png");
        o.setOverwrite(true);
        return o;
    }

    private static void warmUp(
            PreparedDataset ds,
            int size,
            int cores,
            PreprocessOptions o,
            Path out,
            double warmupSeconds)
            throws Exception {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int turns = 0;
        while (System.nanoTime() < end) {
            loop(ds, size, 1);
            loop(ds, size, cores);
            pipeline(o, ds, out.resolve("warm-up"));
            turns++;
        }
        System.out.printf(
                Locale.ROOT, "warm-up: %.0f s, %d turns of each variant%n", warmupSeconds, turns);
    }

    private static void summary(double[][] r, double cold, int cores, int k) {
        double loop = median(r[0]);
        System.out.printf(
                Locale.ROOT,
                "median of %d rounds: loop 1 thread %.0f img/s; loop %d threads %.0f img/s; pipeline"
                        + " %.0f img/s; pipeline, index x%d, %.0f img/s; fixed cost per run %.2f s%n",
                r[0].length,
                loop,
                cores,
                median(r[1]),
                median(r[2]),
                k,
                median(r[4]),
                median(r[6]));
        ratios("pipeline ratio per core (per round)", r[3]);
        ratios("pipeline ratio per core, index x" + k + " (per round)", r[5]);
        System.out.printf(
                Locale.ROOT,
                "pipeline, cold JVM (first run): %.0f img/s, ratio per core %.2f against the median"
                        + " loop%n",
                cold,
                cold / cores / loop);
    }

    private static void ratios(String what, double[] ratios) {
        System.out.printf(
                Locale.ROOT,
                "%s: median %.2f, range %.2f-%.2f; rounds: %s%n",
                what,
                median(ratios),
                Arrays.stream(ratios).min().orElse(0),
                Arrays.stream(ratios).max().orElse(0),
                Arrays.toString(
                        Arrays.stream(ratios).map(x -> Math.rint(x * 100) / 100).toArray()));
    }

    /** The dataset with its index repeated k times, copy c of an entry under id {@code id~c}. */
    private static PreparedDataset repeated(PreparedDataset ds, int k) {
        List<IndexEntry> entries = new ArrayList<>(ds.entries());
        for (int c = 1; c < k; c++) {
            for (IndexEntry e : ds.entries()) {
                entries.add(
                        new IndexEntry(
                                e.id() + "~" + c,
                                e.path(),
                                e.label(),
                                e.className(),
                                e.split(),
                                e.role()));
            }
        }
        return new PreparedDataset(
                ds.name(), ds.root(), entries, ds.classes(), ds.sources(), ds.indexRejects());
    }

    /** One pipeline run's wall time and CPU split. */
    private record Run(long wallNanos, ThreadCpu before, ThreadCpu after) {
        double rate(int n) {
            return n / (wallNanos / 1e9);
        }

        String cpuPerImage(int n) {
            long process = after.processNanos() - before.processNanos();
            long jit = after.since(before, "jit");
            long gc = after.since(before, "gc");
            return String.format(
                    Locale.ROOT,
                    "%.0f us (JIT %.0f, GC %.0f, program %.0f); %.2f cores busy",
                    process / 1e3 / n,
                    jit / 1e3 / n,
                    gc / 1e3 / n,
                    (process - jit - gc) / 1e3 / n,
                    (double) process / wallNanos);
        }
    }

    private static Run pipeline(PreprocessOptions o, PreparedDataset ds, Path output)
            throws Exception {
        o.setOutput(output.toString());
        ThreadCpu before = ThreadCpu.now();
        long t = System.nanoTime();
        PreprocessStage.run(o, ds, line -> {});
        long wall = System.nanoTime() - t;
        return new Run(wall, before, ThreadCpu.now());
    }

    /** Something timed. */
    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /**
     * The DirectRunner's own CPU while its DoFns do nothing: 8 elements, each sleeping 0.5 s in a
     * DoFn, spread by a reshuffle. Any process CPU time is the runner's scheduling.
     */
    private static void directRunnerIdleCost(int threads) {
        DirectOptions o = PipelineOptionsFactory.as(DirectOptions.class);
        o.setTargetParallelism(threads);
        Pipeline p = Pipeline.create(o);
        p.apply(Create.of(0, 1, 2, 3, 4, 5, 6, 7))
                .apply(Reshuffle.viaRandomKey())
                .apply(ParDo.of(new SleepFn()));
        ThreadCpu before = ThreadCpu.now();
        long t = System.nanoTime();
        p.run().waitUntilFinish();
        long wall = System.nanoTime() - t;
        long cpu = ThreadCpu.now().processNanos() - before.processNanos();
        System.out.printf(
                Locale.ROOT,
                "DirectRunner alone (%d threads, 8 DoFns sleeping 0.5 s): wall %.2f s, process CPU"
                        + " %.2f s (%.2f cores busy)%n",
                threads,
                wall / 1e9,
                cpu / 1e9,
                (double) cpu / wall);
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
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** The plain loop: entry i goes to thread i mod threads; one codec set per thread. */
    private static void loop(PreparedDataset ds, int size, int threads) throws Exception {
        List<IndexEntry> all = ds.entries();
        Path root = Path.of(ds.root());
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread w =
                    new Thread(
                            () -> {
                                try {
                                    encodeAll(root, all, first, threads, size);
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

    private static long encodeAll(
            Path root, List<IndexEntry> entries, int first, int step, int size) throws Exception {
        ImageDecoder decoder = new ImageDecoder(100_000_000L, size, 0xFFFFFF);
        ImageResizer resizer = new ImageResizer(size);
        ImageEncoder encoder = new ImageEncoder(ImageEncoder.Encoding.PNG, 90);
        long total = 0;
        for (int i = first; i < entries.size(); i += step) {
            IndexEntry e = entries.get(i);
            BufferedImage img =
                    resizer.resize(
                            decoder.decode(Files.readAllBytes(root.resolve(e.path())), e.path()));
            total += encoder.encode(img).length;
        }
        return total;
    }
}
