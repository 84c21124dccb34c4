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

    public static void main(String[] args) {
        int reps = Integer.parseInt(args.length > 0 ? args[0] : "5");
        System.out.println("impl,normaliser,D,C,median_ms,median_cpu_ms");
        median(Normaliser.EXACT, 128, 100, reps); // JIT and engine warm-up, discarded
        for (Normaliser n : new Normaliser[] {Normaliser.PAPER_APPROX, Normaliser.EXACT}) {
            for (int d : new int[] {128, 512}) {
                for (int c : new int[] {100, 1000, 11318}) {
                    double[] ms = median(n, d, c, reps);
                    System.out.printf("pdml,%s,%d,%d,%.2f,%.2f%n", n, d, c, ms[0], ms[1]);
                }
            }
        }
    }

    /** {median wall ms, median process CPU ms} per step. */
    private static double[] median(Normaliser n, int d, int c, int reps) {
        LossParameters p = LossParameters.DEFAULTS.withNormaliser(n).withGuidanceWeight(0).withSamples(S);
        ProxyLoss loss = LossFactory.create("el-nivmf", p);
        double[] times = new double[reps];
        double[] cpu = new double[reps];
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
            for (int r = -2; r < reps; r++) {
                long start = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                try (NDManager step = base.newSubManager();
                        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // As in training (VmfProxies): differentiable views owned by the step's
                    // manager, because op results attach to their first operand's manager and
                    // would otherwise pile up in the base manager for the whole run.
                    NDList inputs = new NDList(z, v, kappa, t);
                    NDList views = new NDList();
                    for (NDArray a : inputs) {
                        NDArray view = a.reshape(a.getShape());
                        view.attach(step);
                        views.add(view);
                    }
                    NDArray l = loss.evaluate(new NDList(y), views);
                    gc.backward(l);
                    z.getGradient().sum().getFloat(); // synchronise
                }
                if (r >= 0) {
                    times[r] = (System.nanoTime() - start) / 1e6;
                    cpu[r] = (os.getProcessCpuTime() - cpuStart) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        return new double[] {times[reps / 2], cpu[reps / 2]};
    }
}
