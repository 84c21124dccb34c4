package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.pdml.config.LossConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.model.Embedder;

/**
 * The reference's {@code class-means} warm start (docs/method.md §1): v_c ← κ₀·normalize(mean of
 * the initial network's embeddings of class c), embedded in evaluation mode with the test
 * transforms.
 */
public final class WarmStart {
    private WarmStart() {}

    /**
     * Applies the configured warm start (nothing for {@code none}).
     *
     * @param config the run's config
     * @param session the freshly initialised model
     * @param inputs the training data
     */
    public static void apply(PdmlConfig config, TrainSession session, TrainInputs inputs) {
        if (config.loss().warmStart() != LossConfig.WarmStart.CLASS_MEANS) {
            return;
        }
        Embedder.Result z = Validation.embed(config, session, inputs.train());
        int classes = inputs.classes().classCount();
        float[] means = classMeans(z, inputs.classOfRow(), classes);
        NDManager manager = session.model().getNDManager();
        try (NDManager sub = manager.newSubManager()) {
            NDArray m = sub.create(means, new Shape(classes, z.dim()));
            session.block().proxies().warmStart(m, (float) config.loss().kappaInit());
        }
    }

    /**
     * Averages embeddings per class.
     *
     * @param z embeddings {@code [N, D]}
     * @param classOfRow {@code [N]} class index of each row
     * @param classes C
     * @return row-major {@code [C, D]} class means
     */
    static float[] classMeans(Embedder.Result z, int[] classOfRow, int classes) {
        int dim = z.dim();
        double[] sums = new double[classes * dim];
        int[] counts = new int[classes];
        for (int i = 0; i < z.count(); i++) {
            int c = classOfRow[i];
            counts[c]++;
            for (int d = 0; d < dim; d++) {
                sums[c * dim + d] += z.values()[i * dim + d];
            }
        }
        float[] means = new float[sums.length];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dim; d++) {
                means[c * dim + d] = (float) (sums[c * dim + d] / Math.max(1, counts[c]));
            }
        }
        return means;
    }
}
