package org.pdml.loss;

import ai.djl.ndarray.NDArray;

/**
 * nivMF log-score of the image direction {@code nivmf-point} (reference {@code proxynca_nivmf}):
 * ℓ_ic = log p_c(z_i/‖z_i‖)/T, in the chosen {@link NivmfForm} (the reference used the stretched
 * form here; pdml defaults to unstretched everywhere).
 */
public final class NivmfPoint implements Similarity {

    private final NivmfForm form;
    private final Normaliser normaliser;
    private final double kappaMin;

    /**
     * @param form the nivMF form
     * @param normaliser the log C_D choice (the fit is used in its 512-d branch, as the reference)
     * @param kappaMin lower clamp on proxy concentrations
     */
    public NivmfPoint(NivmfForm form, Normaliser normaliser, double kappaMin) {
        this.form = form;
        this.normaliser = normaliser;
        this.kappaMin = kappaMin;
    }

    /** {@inheritDoc} Shapes: [B, C] float64. */
    @Override
    public NDArray logits(ProxyLossInputs in) {
        NDArray x = ProxyGeometry.imageDirections(in);
        NDArray score =
                form.score(
                        x,
                        in.directions(),
                        in.kappa(),
                        kappaMin,
                        normaliser.klAndPointNormaliser());
        return score.div(in.temperature());
    }
}
