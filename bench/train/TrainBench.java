import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pdml.config.ConfigLoader;
import org.pdml.config.DeviceRequest;
import org.pdml.config.PdmlConfig;
import org.pdml.data.HostBatch;
import org.pdml.data.PrefetchingLoader;
import org.pdml.data.RecordTransforms;
import org.pdml.data.SampleTransform;
import org.pdml.model.DeviceChoice;
import org.pdml.provenance.Seeds;
import org.pdml.train.TrainInputs;
import org.pdml.train.TrainSession;
import org.pdml.train.TrainStep;

/**
 * Images/s of pdml's training step (TrainStep: forward, EL-nivMF loss, backward, Adam update) at
 * batch 64, by default for the small CNN and ResNet-18 at 32 px on CPU; and of the data loader
 * alone (PrefetchingLoader over the real shards: decode + random resized crop + flip + normalise).
 * Usage: TrainBench SHARDS REPS [DEVICE [BACKBONES [SIDE [LOADER_WORKERS]]]] (REPS = 0: the
 * endless step stream of bench/train/paired.sh, one backbone), e.g. {@code
 * TrainBench shards 20 cuda:0 small-cnn,resnet50 224 16}: DEVICE as train.device (default cpu; a
 * GPU device that is not usable fails at once, saying what the engine found), BACKBONES and
 * LOADER_WORKERS comma-separated (defaults small-cnn,resnet18 and 1,2), SIDE the input size
 * (default 32). Prints CSV rows impl,what,backbone,images_per_s,images_per_cpu_s. Run by
 * bench/train/run.sh and bench/gpu/run.sh.
 */
public final class TrainBench {

    /** Untimed steps first: the JIT and libtorch's caches settle (same count on the torch side). */
    /**
     * Untimed steps before the timed ones: at least {@link #WARMUP_STEPS}, for at least {@link
     * #WARMUP_SECONDS}. Why time: the JVM compiles DJL's Java layer with C2 only after thousands
     * of engine calls (hundreds of small-CNN steps); ten steps timed partly interpreted code.
     * torch_train.py warms up the same way.
     */
    private static final int WARMUP_STEPS = 10;

    private static final double WARMUP_SECONDS = 20.0;

    public static void main(String[] args) throws Exception {
        Path shards = Path.of(args[0]);
        int reps = Integer.parseInt(args.length > 1 ? args[1] : "10");
        DeviceChoice device = DeviceChoice.choose(DeviceRequest.parse(arg(args, 2, "cpu")));
        String[] backbones = arg(args, 3, "small-cnn,resnet18").split(",");
        int side = Integer.parseInt(arg(args, 4, "32"));
        String[] workerCounts = arg(args, 5, "1,2").split(",");
        System.out.println("engine," + device.summary().replace(',', ';'));
        TrainInputs inputs = TrainInputs.load(shards);
        System.out.println("classes," + inputs.classes().classCount());
        System.out.println("impl,what,backbone,images_per_s,images_per_cpu_s");
        for (String backbone : backbones) {
            PdmlConfig config = config(backbone, side);
            Seeds seeds = new Seeds(config.seed());
            try (TrainSession session =
                    new TrainSession(
                            config, inputs, seeds, device.device(), s -> Optional.empty())) {
                List<int[]> batches = batches(session, 1);
                List<HostBatch> loaded = new ArrayList<>();
                try (PrefetchingLoader loader = loader(config, inputs, batches, 2)) {
                    while (loaded.size() < 4 && loader.hasNext()) {
                        loaded.add(loader.next());
                    }
                }
                if (reps == 0) {
                    stream(session, loaded);
                }
                double[] step = stepRate(session, loaded, reps);
                System.out.printf("pdml,step,%s,%.1f,%.1f%n", backbone, step[0], step[1]);
            }
        }
        PdmlConfig config = config("small-cnn", side);
        for (String count : workerCounts) {
            int workers = Integer.parseInt(count);
            double[] rate = loaderRate(config, inputs, workers);
            System.out.printf("pdml,loader-%dworkers,-,%.1f,%.1f%n", workers, rate[0], rate[1]);
        }
    }

    private static String arg(String[] args, int i, String otherwise) {
        return args.length > i ? args[i] : otherwise;
    }

    /** The quickstart with the torch side's model and loss at {@code side} px (resize 8/7 x). */
    private static PdmlConfig config(String backbone, int side) {
        return ConfigLoader.load(
                        Path.of("configs/quickstart.yaml"),
                        List.of(
                                "model.backbone=" + backbone,
                                // The torch side: global average pool, EL-nivMF (the quickstart
                                // itself uses a 4x4 grid and ProxyAnchor).
                                "model.pool_grid=1",
                                "loss.name=el-nivmf",
                                "loss.normaliser=paper-approx",
                                "loss.guidance_weight=0",
                                "train.batch_size=64",
                                "train.input_size=" + side,
                                "train.augmentation.resize=" + side * 8 / 7,
                                "train.augmentation.center_crop=" + side))
                .config();
    }

    private static List<int[]> batches(TrainSession session, int epoch) {
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b < session.sampler().batchesPerEpoch(); b++) {
            out.add(session.sampler().batch(epoch, b));
        }
        return out;
    }

    private static PrefetchingLoader loader(
            PdmlConfig config, TrainInputs inputs, List<int[]> batches, int workers) {
        int side = config.train().inputSize();
        SampleTransform t =
                RecordTransforms.training(inputs.train(), config.train().augmentation(), side);
        return new PrefetchingLoader(
                batches,
                row -> inputs.classOfRow()[row],
                t,
                (b, i) -> 31L * b + i,
                new int[] {3, side, side},
                workers,
                Math.max(1, config.train().prefetch()));
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Median {images per wall second, images per process-CPU second} over reps steps after the
     * warm-up, cycling over the loaded batches.
     */
    private static double[] stepRate(TrainSession session, List<HostBatch> batches, int reps) {
        TrainStep step = newStep(session);
        double[] rates = new double[reps];
        double[] cpuRates = new double[reps];
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        int index = 0;
        for (; index < WARMUP_STEPS || System.nanoTime() < warmUntil; index++) {
            runStep(step, batches, index);
        }
        for (int r = 0; r < reps; r++, index++) {
            HostBatch batch = batches.get(index % batches.size());
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
            runStep(step, batches, index);
            rates[r] = batch.size() / ((System.nanoTime() - start) / 1e9);
            cpuRates[r] = batch.size() / ((OS.getProcessCpuTime() - cpu) / 1e9);
        }
        System.out.println("pdml-warmup-steps," + (index - reps));
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        return new double[] {rates[reps / 2], cpuRates[reps / 2]};
    }

    /**
     * REPS = 0: bench/train/paired.sh's mode. After the warm-up it prints {@code ready}, then runs
     * steps until killed, printing {@code done,<epoch µs>} after each, so that the driver can pause
     * and resume this process and count the steps of each window.
     */
    private static void stream(TrainSession session, List<HostBatch> batches) {
        TrainStep step = newStep(session);
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        int index = 0;
        for (; index < WARMUP_STEPS || System.nanoTime() < warmUntil; index++) {
            runStep(step, batches, index);
        }
        System.out.println("ready," + index);
        System.out.flush();
        for (; ; index++) {
            runStep(step, batches, index);
            java.time.Instant t = java.time.Instant.now();
            System.out.println("done," + (t.getEpochSecond() * 1_000_000L + t.getNano() / 1000));
            System.out.flush();
        }
    }

    /** The training step as TrainStage builds it, without gradient clipping. */
    private static TrainStep newStep(TrainSession session) {
        return new TrainStep(
                session.trainer(),
                session.trainableParameters(),
                (ps, max) -> session.optimizer().clipGradNorm(ps, max),
                0);
    }

    private static void runStep(TrainStep step, List<HostBatch> batches, int index) {
        Engine.getInstance().setRandomSeed(index);
        step.run(batches.get(index % batches.size()), index, 1);
    }

    /** {images/s, images per CPU second} of the loader alone over one epoch (after batch 1). */
    private static double[] loaderRate(PdmlConfig config, TrainInputs inputs, int workers)
            throws Exception {
        Seeds seeds = new Seeds(config.seed());
        try (TrainSession session =
                new TrainSession(config, inputs, seeds, Device.cpu(), s -> Optional.empty())) {
            List<int[]> batches = batches(session, 1);
            try (PrefetchingLoader loader = loader(config, inputs, batches, workers)) {
                loader.next(); // the pool is started and warm
                long start = System.nanoTime();
                long cpu = OS.getProcessCpuTime();
                long images = 0;
                while (loader.hasNext()) {
                    images += loader.next().size();
                }
                return new double[] {
                    images / ((System.nanoTime() - start) / 1e9),
                    images / ((OS.getProcessCpuTime() - cpu) / 1e9)
                };
            }
        }
    }
}
