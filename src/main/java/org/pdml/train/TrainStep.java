package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import org.pdml.data.HostBatch;
import org.pdml.model.EngineOwned;

/**
 * One optimisation step: copy the batch to the device, forward, loss, backward, optional global
 * gradient-norm clipping, update. Every array of the step lives in its own sub-manager, closed at
 * the end of the step, so native memory stays flat.
 */
public final class TrainStep {
    private final Trainer trainer;
    private final List<Parameter> parameters;
    private final ToDoubleBiFunction<List<Parameter>, Double> clipper;
    private final double gradClip;

    /**
     * Creates the step.
     *
     * @param trainer the DJL trainer (block, loss, per-group optimiser)
     * @param parameters trainable parameters (for clipping)
     * @param clipper clips the gradients of the parameters to a global L2 norm, returning the norm
     *     before clipping
     * @param gradClip maximal global gradient norm; 0 disables clipping
     */
    public TrainStep(
            Trainer trainer,
            List<Parameter> parameters,
            ToDoubleBiFunction<List<Parameter>, Double> clipper,
            double gradClip) {
        this.trainer = trainer;
        this.parameters = List.copyOf(parameters);
        this.clipper = clipper;
        this.gradClip = gradClip;
    }

    /**
     * Zeroes the gradient buffers of all trainable parameters. PyTorch accumulates into them and
     * DJL's trainer does not reset them, so without this each step would also apply the previous
     * steps' gradients, and a run resumed from a checkpoint (fresh buffers) would diverge.
     */
    private void zeroGradients() {
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            if (array instanceof PtNDArray pt) {
                // One native zero_() per buffer: no wrapper array, one write pass instead of
                // g − g's two reads and a write, and exact zeros even where g is ±inf or NaN.
                JniUtils.zeroGrad(pt);
            } else if (array.hasGradient()) {
                try (NDArray g = array.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }

    /**
     * Runs the step.
     *
     * @param batch images {@code [B, C, H, W]} and class indices {@code [B]}
     * @param step global step (0-based), for error messages
     * @param epoch epoch (1-based), for error messages
     * @return the batch's loss
     * @throws NonFiniteLossException if the loss is NaN or infinite; no update is applied
     */
    public double run(HostBatch batch, long step, int epoch) {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            Shape shape = new Shape(batch.size(), batch.channels(), batch.height(), batch.width());
            NDArray x = EngineOwned.create(sub, batch.pixels(), shape);
            NDArray y = sub.create(batch.labels());
            zeroGradients();
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray value = trainer.getLoss().evaluate(new NDList(y), predictions);
                loss = value.toType(DataType.FLOAT64, false).getDouble();
                if (!Double.isFinite(loss)) {
                    throw new NonFiniteLossException(step, epoch, loss);
                }
                gc.backward(value);
            }
            if (gradClip > 0) {
                clipper.applyAsDouble(parameters, gradClip);
            }
            trainer.step();
            return loss;
        }
    }
}
