package org.pdml.config;

/**
 * The metric-learning loss (docs/method.md §1.3–1.5): L = L_NCA + w_g (L⁺ + L⁻).
 *
 * @param name similarity / loss family
 * @param samples S, vMF samples per image for el-nivmf
 * @param guidanceWeight w_g, weight of the ProxyAnchor guidance term
 * @param alpha ProxyAnchor α
 * @param delta ProxyAnchor margin δ
 * @param normaliser log C_D implementation
 * @param nivmfForm nivMF score form
 * @param kappaInit κ₀, initial proxy concentration
 * @param kappaMin lower clamp on proxy κ
 * @param temperature softmax temperature T
 * @param warmStart proxy initialisation
 * @param warmupEpochs epochs with a frozen backbone at the start
 * @param bindev whether L_NCA is replaced by the ProxyAnchor formula on s (α = 1, δ = 0)
 * @param subsampleP fraction of proxies kept per batch for L_NCA (the batch's classes always are; 1
 *     keeps all)
 */
public record LossConfig(
        @Doc("Loss") Name name,
        @Doc("S, vMF samples per image (el-nivmf)") int samples,
        @Doc("w_g, weight of the ProxyAnchor guidance term (0 disables it)") double guidanceWeight,
        @Doc("ProxyAnchor alpha") double alpha,
        @Doc("ProxyAnchor margin delta") double delta,
        @Doc("Log-normaliser") Normaliser normaliser,
        @Doc("nivMF score form") NivmfForm nivmfForm,
        @Doc("kappa_0, initial proxy concentration") double kappaInit,
        @Doc("Lower clamp on proxy kappa entries") double kappaMin,
        @Doc("Softmax temperature T") TemperatureConfig temperature,
        @Doc("Proxy initialisation") WarmStart warmStart,
        @Doc("Epochs at the start with the backbone frozen") int warmupEpochs,
        @Doc("Replace L_NCA by the ProxyAnchor formula on s, alpha=1, delta=0 (reference bindev)")
                boolean bindev,
        @Doc("Fraction of proxies kept per batch for L_NCA, in (0,1]; batch classes always kept")
                double subsampleP) {

    /** Loss families; the first seven are proxy-NCA with a similarity s_ic. */
    public enum Name {
        /** Expected-likelihood nivMF (reference {@code proxyvmf_panc}). */
        EL_NIVMF,
        /** Expected-likelihood vMF, ρ = 1. */
        EL_VMF,
        /** Bhattacharyya vMF, ρ = ½. */
        B_VMF,
        /** Negative KL divergence of vMFs. */
        KL_VMF,
        /** nivMF log-likelihood of the point embedding. */
        NIVMF_POINT,
        /** Negative squared L2 distance. */
        L2,
        /** Cosine similarity. */
        COS,
        /** ProxyAnchor baseline. */
        PROXY_ANCHOR,
        /** ProxyNCA baseline. */
        PROXY_NCA,
        /** NormSoftmax baseline. */
        NORM_SOFTMAX
    }

    /** Log-normaliser implementations. */
    public enum Normaliser {
        /** Series / Debye / Hankel in float64, any D ≥ 2. */
        EXACT,
        /** The reference's quadratic fit (reproduction only). */
        PAPER_APPROX
    }

    /** nivMF score forms. */
    public enum NivmfForm {
        /** x̃ = x (the reference's EL path). */
        UNSTRETCHED,
        /** x̃ = K x / ‖K x‖. */
        STRETCHED
    }

    /** Proxy initialisations. */
    public enum WarmStart {
        /** v_c ← κ₀ · normalize(class mean of pretrained embeddings). */
        CLASS_MEANS,
        /** Xavier-normal with gain κ₀. */
        NONE
    }
}
