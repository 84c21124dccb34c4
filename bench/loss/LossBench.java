import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.pdml.loss.LossFactory;
import org.pdml.loss.LossParameters;
import org.pdml.loss.Normaliser;
import org.pdml.loss.ProxyLoss;

/**
 * Forward + backward of the EL-nivMF loss (L_NCA over the EL-nivMF similarity, w_g = 0) with
 * B = 64, S = 5, float32 parameters, on CPU. Prints one CSV row per (normaliser, D, C): the median
 * wall and process-CPU milliseconds per step over the timed repetitions (CPU time is the fairer
 * figure on a shared, oversubscribed host). Run by bench/loss/run.sh.
 */
public final class LossBench {

    private static final int B = 64;
    private static final int S = 5;

    /**
     * Untimed steps before each configuration's timed ones: at least this long, and at least 2
     * steps. Why time and not a step count: the JVM reaches its steady state (DJL's Java layer
     * compiled by C2) only after thousands of engine calls, which at C = 100 is hundreds of
     * steps; with a few warm-up steps the small configurations timed the interpreter (a single
     * op measured 3-10x its steady-state cost). torch_bench.py warms up for the same time.
     */
    private static final double WARMUP_SECONDS = 3.0;

    /** Untimed JIT warm-up on the smallest configurations before anything is measured. */
    private static final double JIT_WARMUP_SECONDS = 20.0;

    public static void main(String[] args) {
        int reps = Integer.parseInt(args.length > 0 ? args[0] : "5");
        System.out.println("impl,normaliser,D,C,median_ms,median_cpu_ms,warmup_steps");
        median(Normaliser.PAPER_APPROX, 128, 100, 1, JIT_WARMUP_SECONDS); // discarded
        median(Normaliser.EXACT, 128, 100, 1, JIT_WARMUP_SECONDS / 2); // discarded
        for (Normaliser n : new Normaliser[] {Normaliser.PAPER_APPROX, Normaliser.EXACT}) {
            for (int d : new int[] {128, 512}) {
                for (int c : new int[] {100, 1000, 11318}) {
                    double[] ms = median(n, d, c, reps, WARMUP_SECONDS);
                    System.out.printf(
                            "pdml,%s,%d,%d,%.2f,%.2f,%d%n", n, d, c, ms[0], ms[1], (long) ms[2]);
                }
            }
        }
    }

    /** {median wall ms, median process CPU ms, warm-up steps} per step. */
    private static double[] median(Normaliser n, int d, int c, int reps, double warmupSeconds) {
        LossParameters p = LossParameters.DEFAULTS.withNormaliser(n).withGuidanceWeight(0).withSamples(S);
        ProxyLoss loss = LossFactory.create("el-nivmf", p);
        double[] times = new double[reps];
        double[] cpu = new double[reps];
        int warm = 0;
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            NDArray z = base.randomNormal(new Shape(B, d)).mul(18.0 / Math.sqrt(d));
            NDArray v = base.randomNormal(new Shape(c, d));
            NDArray kappa = base.randomUniform(10f, 30f, new Shape(c, d));
            NDArray t = base.create(new float[] {0.003f});
            long[] labels = new long[B];
            for (int i = 0; i < B; i++) {
                labels[i] = (i / 2) % c;
            }
            NDArray y = base.create(labels);
            for (NDArray a : new NDArray[] {z, v, kappa, t}) {
                a.setRequiresGradient(true);
            }
            NDList params = new NDList(z, v, kappa, t);
            long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
            while (warm < 2 || System.nanoTime() < warmUntil) {
                step(loss, base, params, y);
                warm++;
            }
            for (int r = 0; r < reps; r++) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                step(loss, base, params, y);
                times[r] = (System.nanoTime() - start) / 1e6;
                cpu[r] = (os.getProcessCpuTime() - cpuStart) / 1e6;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        return new double[] {times[reps / 2], cpu[reps / 2], warm};
    }

    /** One forward and backward pass, with its intermediates freed at the end. */
    private static void step(ProxyLoss loss, NDManager base, NDList params, NDArray y) {
        try (NDManager step = base.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // As in training (VmfProxies): differentiable views owned by the step's manager,
            // because op results attach to their first operand's manager and would otherwise pile
            // up in the base manager for the whole run.
            NDList views = new NDList();
            for (NDArray a : params) {
                NDArray view = a.reshape(a.getShape());
                view.attach(step);
                views.add(view);
            }
            NDArray l = loss.evaluate(new NDList(y), views);
            gc.backward(l);
            params.get(0).getGradient().sum().getFloat(); // synchronise
        }
    }
}
