package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import org.pdml.math.ImageVmf;
import org.pdml.math.LogSumExp;
import org.pdml.math.WoodVmfSampler;

/**
 * Expected-likelihood nivMF similarity {@code el-nivmf} (reference {@code proxyvmf_panc}; the
 * paper's default, docs/method.md §1.3):
 *
 * <pre>
 *   s_ic = log[(1/S) Σ_s exp(log p_c(x_is)/T)],   x_is ~ vMF(μ_i = z_i/‖z_i‖, κ_i = ‖z_i‖)
 * </pre>
 *
 * with the S samples of image i shared by all C proxies and drawn by Wood's sampler with
 * reparameterised gradients to z. The temperature sits inside, so s_ic is itself the logit.
 *
 * <p>Precision (docs/method.md §1.2): log p is computed in float64, and m_i = max_{s,c} log
 * p_c(x_is) (detached) is subtracted before dividing by T, so {@link #logits} returns s_ic − m_i/T,
 * which leaves L_NCA unchanged. {@link #scoresFromSamples} gives the unshifted s_ic.
 */
public final class ElNivmf implements Similarity {

    private final int samples;
    private final NivmfForm form;
    private final Normaliser normaliser;
    private final double kappaMin;

    /**
     * @param samples S ≥ 1 Monte Carlo samples per image
     * @param form the nivMF form
     * @param normaliser the log C_D choice
     * @param kappaMin lower clamp on proxy concentrations
     * @throws IllegalArgumentException if S &lt; 1
     */
    public ElNivmf(int samples, NivmfForm form, Normaliser normaliser, double kappaMin) {
        if (samples < 1) {
            throw new IllegalArgumentException("el-nivmf samples must be >= 1, got " + samples);
        }
        this.samples = samples;
        this.form = form;
        this.normaliser = normaliser;
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Draws fresh samples; returns s_ic − m_i/T, [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        return logitsFromSamples(draw(in), in);
    }

    /** {@inheritDoc} Draws fresh samples; unshifted s_ic, [B, C] float64. */
    @Override
    public NDArray scores(ProxyLossInputs in) {
        return scoresFromSamples(draw(in), in);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fused: since LSE_c s_ic = LSE_{s,c} (log p_c(x_is)/T) − log S, the term is −LSE_s log
     * softmax_{(s,c)}(log p/T)_{s,y_i}: one log-softmax over the S·C entries of each image and a
     * log-sum-exp over its S label entries. log-softmax is shift-invariant, so no per-image shift
     * is needed, and no [B, C] log-mean-exp is formed.
     */
    @Override
    public NDArray ncaPerSample(ProxyLossInputs in) {
        return ncaPerSampleFromSamples(draw(in), in);
    }

    /**
     * The fused per-sample L_NCA terms for given samples (deterministic; for tests).
     *
     * @param x samples, [B, S, D]
     * @param in the loss inputs
     * @return −s_{i,y_i} + LSE_c s_ic, [B] float64
     */
    NDArray ncaPerSampleFromSamples(NDArray x, ProxyLossInputs in) {
        NDArray logP = logScores(x, in);
        long[] shape = logP.getShape().getShape();
        NDArray logSoftmax =
                logP.div(in.temperature())
                        .reshape(shape[0], shape[1] * shape[2])
                        .logSoftmax(1)
                        .reshape(shape);
        NDArray index = in.labels().reshape(shape[0], 1, 1).repeat(1, shape[1]);
        NDArray atLabel = logSoftmax.gather(index, 2).reshape(shape[0], shape[1]);
        return LogSumExp.ofFinite(atLabel, 1).neg();
    }

    private NDArray draw(ProxyLossInputs in) {
        ImageVmf image = ImageVmf.of(in.z());
        return WoodVmfSampler.sampleUnchecked(image.direction(), image.concentration(), samples);
    }

    /**
     * The shifted logits for given samples (deterministic; for gradient checks).
     *
     * @param x samples, [B, S, D]
     * @param in the loss inputs (z is not used: its effect enters through x)
     * @return s_ic − m_i/T, [B, C] float64
     */
    NDArray logitsFromSamples(NDArray x, ProxyLossInputs in) {
        NDArray logP = logScores(x, in);
        long batch = logP.getShape().get(0);
        // PyTorch's max reduces one axis at a time: flatten [S, C] first
        NDArray shift = logP.reshape(batch, -1).max(new int[] {1}, true).reshape(batch, 1, 1);
        shift = shift.stopGradient();
        return logMeanExp(logP.sub(shift).div(in.temperature()));
    }

    /**
     * The unshifted s_ic for given samples, for inspection and oracle checks. In float64 the
     * cancellation in s_ic − s_i'c costs about |log p|/T · 1e−16.
     *
     * @param x samples, [B, S, D]
     * @param in the loss inputs
     * @return s_ic, [B, C] float64
     */
    public NDArray scoresFromSamples(NDArray x, ProxyLossInputs in) {
        return logMeanExp(logScores(x, in).div(in.temperature()));
    }

    private NDArray logScores(NDArray x, ProxyLossInputs in) {
        long[] shape = x.getShape().getShape();
        if (shape.length != 3 || shape[0] != in.z().getShape().get(0)) {
            throw new IllegalArgumentException(
                    "el-nivmf samples " + x.getShape() + " must be [B, S, D], B = batch size");
        }
        return form.score(x, in.directions(), in.kappa(), kappaMin, normaliser.logNormaliser());
    }

    /** log[(1/S) Σ_s exp(a_isc)] over axis 1: [B, S, C] → [B, C]. */
    private static NDArray logMeanExp(NDArray a) {
        return LogSumExp.ofFinite(a, 1).sub(Math.log(a.getShape().get(1)));
    }
}
