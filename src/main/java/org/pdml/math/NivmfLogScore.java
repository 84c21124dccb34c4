package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The non-isotropic vMF (nivMF) log-score of points against C proxies (docs/method.md §1.2).
 *
 * <p>Proxy c has direction μ_c = v_c/‖v_c‖ and per-dimension concentration K_c = diag(κ_c), used as
 * max(κ_cj, κ_min). With n_c = ‖K_cμ_c‖,
 *
 * <pre>
 *   log p_c(x) = log C_D(n_c) + n_c·cos(x̃, K_cμ_c) + Σ_j log κ_cj − log n_c
 * </pre>
 *
 * where x̃ = x in the {@linkplain #unstretched unstretched} form (the middle term is xᵀK_cμ_c) and
 * x̃ = K_cx/‖K_cx‖ in the {@linkplain #stretched stretched} form. Neither form is a normalised
 * density (docs/method.md §2 item 4): it is a score. Both are computed in float64 whatever the
 * input type, because log p ~ 10³ is later divided by temperatures ~ 10⁻³, and both are vectorised
 * over points and proxies with matrix products (no [N, C, D] tensor is formed).
 *
 * <p>Input checks: κ is a raw parameter clamped below at κ_min, so any number below +∞ is valid
 * (negative and −∞ included); NaN and +∞ are rejected by the checked entry points. There is no
 * single limit at κ_cj = +∞: the score then behaves as κ_cj(μ_cj x̃_j − |μ_cj|) plus logarithmic
 * terms, whose limit (−∞, +∞ or undetermined) depends on each point x.
 *
 * <p>Shapes: x is [N, D] or [B, S, D]; directions v and kappa κ are [C, D]; the result is x's shape
 * with its last axis replaced by C, in float64.
 *
 * <p>Memory: the proxies are processed in blocks of rows whose float64 [rows, D] intermediates stay
 * within {@link #BLOCK_BYTES}, and the blocks' scores are concatenated. Why: glibc's allocator
 * serves blocks above 32 MiB with fresh mappings that are page-faulted and zeroed on every use, so
 * at C = 11,318 and D = 512 (46 MB per [C, D] float64 array) about a third of a loss step went to
 * page faults; blocks of at most 16 MiB are reused from the heap. Values and gradients are those of
 * the unblocked computation (tested).
 */
public final class NivmfLogScore {

    /** The largest float64 [rows, D] proxy intermediate, in bytes. */
    static final long BLOCK_BYTES = 16L << 20;

    private NivmfLogScore() {}

    /**
     * The two middle terms, each a function of the flattened points and one block's proxy terms.
     */
    enum Form {
        /** x̃ = x: the middle term is xᵀK_cμ_c. */
        UNSTRETCHED {
            @Override
            Function<NDList, NDArray> against(NDArray flat) {
                return proxy -> flat.matMul(proxy.get(0).transpose()).add(proxy.get(2));
            }
        },
        /** x̃ = K_cx/‖K_cx‖: the middle term is (xᵀK_c²μ_c)/‖K_cx‖. */
        STRETCHED {
            @Override
            Function<NDList, NDArray> against(NDArray flat) {
                NDArray flatSquared = flat.square();
                return proxy -> {
                    NDArray k = proxy.get(1);
                    NDArray numerator = flat.matMul(proxy.get(0).mul(k).transpose());
                    // ‖K_c x‖² = Σ_j κ_cj² x_j², one [N, D]·[D, C] product; floored so a zero x
                    // has no ∞ slope.
                    NDArray stretch =
                            Scalars.maximum(flatSquared.matMul(k.square().transpose()), 1e-300)
                                    .sqrt();
                    return numerator.div(stretch).add(proxy.get(2));
                };
            }
        };

        /**
         * @param flat the points, [N, D] float64
         * @return block's {@link #proxyTerms} → scores [N, rows]
         */
        abstract Function<NDList, NDArray> against(NDArray flat);
    }

    /**
     * The reference's EL form: log p_c(x) = log C_D(n_c) + xᵀK_cμ_c + Σ_j log κ_cj − log n_c.
     *
     * @param x points, [N, D] or [B, S, D] (unit vectors in use; not checked)
     * @param directions proxy directions v, [C, D], normalised here
     * @param kappa proxy concentrations, [C, D], clamped below at {@code kappaMin}
     * @param kappaMin lower clamp κ_min &gt; 0 (the reference uses 0.1)
     * @param normaliser the vMF log-normaliser log C_D
     * @return scores, [..., C] float64
     * @throws IllegalArgumentException if shapes disagree, κ_min ≤ 0, or κ holds NaN or +∞ (checked
     *     by {@link KappaGuard}, one device read; see the class comment)
     */
    public static NDArray unstretched(
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser) {
        checkKappa("NivmfLogScore.unstretched", kappa);
        return unstretchedUnchecked(x, directions, kappa, kappaMin, normaliser);
    }

    /**
     * {@link #unstretched} without the κ check, for the {@code el-nivmf} loss (see {@link
     * KappaGuard} for why it skips it); NaN κ gives NaN scores.
     *
     * @param x points, [N, D] or [B, S, D]
     * @param directions proxy directions v, [C, D], normalised here
     * @param kappa proxy concentrations, [C, D], below +∞, clamped below at {@code kappaMin}
     * @param kappaMin lower clamp κ_min &gt; 0
     * @param normaliser the vMF log-normaliser log C_D
     * @return scores, [..., C] float64
     * @throws IllegalArgumentException if shapes disagree or κ_min ≤ 0
     */
    public static NDArray unstretchedUnchecked(
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser) {
        return blockwise(
                Form.UNSTRETCHED, x, directions, kappa, kappaMin, normaliser, defaultBlockRows(x));
    }

    /**
     * The reference's nivMF-point form: x̃ = K_cx/‖K_cx‖, so the middle term is (xᵀK_c²μ_c)/‖K_cx‖,
     * computed as one product with K²μ and one with K² (for x²).
     *
     * @param x points, [N, D] or [B, S, D]
     * @param directions proxy directions v, [C, D], normalised here
     * @param kappa proxy concentrations, [C, D], clamped below at {@code kappaMin}
     * @param kappaMin lower clamp κ_min &gt; 0
     * @param normaliser the vMF log-normaliser log C_D
     * @return scores, [..., C] float64
     * @throws IllegalArgumentException if shapes disagree, κ_min ≤ 0, or κ holds NaN or +∞ (checked
     *     by {@link KappaGuard}, one device read; see the class comment)
     */
    public static NDArray stretched(
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser) {
        checkKappa("NivmfLogScore.stretched", kappa);
        return stretchedUnchecked(x, directions, kappa, kappaMin, normaliser);
    }

    /**
     * {@link #stretched} without the κ check, for the {@code el-nivmf} loss (see {@link
     * KappaGuard}); NaN κ gives NaN scores.
     *
     * @param x points, [N, D] or [B, S, D]
     * @param directions proxy directions v, [C, D], normalised here
     * @param kappa proxy concentrations, [C, D], below +∞, clamped below at {@code kappaMin}
     * @param kappaMin lower clamp κ_min &gt; 0
     * @param normaliser the vMF log-normaliser log C_D
     * @return scores, [..., C] float64
     * @throws IllegalArgumentException if shapes disagree or κ_min ≤ 0
     */
    public static NDArray stretchedUnchecked(
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser) {
        return blockwise(
                Form.STRETCHED, x, directions, kappa, kappaMin, normaliser, defaultBlockRows(x));
    }

    /**
     * Both forms' shared frame, with the proxies in blocks of {@code blockRows} rows (tests pick
     * small blocks): checks the shapes, flattens x to [N, D] float64, scores it against each
     * block's {@link #proxyTerms} and restores x's leading axes.
     */
    static NDArray blockwise(
            Form form,
            NDArray x,
            NDArray directions,
            NDArray kappa,
            double kappaMin,
            LogNormaliser normaliser,
            long blockRows) {
        checkShapes(x, directions, kappa, kappaMin);
        Function<NDList, NDArray> score = form.against(flatten(x));
        NDArray scores =
                overBlocks(
                        directions,
                        kappa,
                        blockRows,
                        (v, k) -> score.apply(proxyTerms(v, k, kappaMin, normaliser)));
        return unflatten(scores, x.getShape());
    }

    /**
     * score(v_block, κ_block) → [N, rows] per block of proxy rows, concatenated to [N, C]. The
     * split and the concatenation are differentiable, and split's backward concatenates the blocks'
     * gradients (one [C, D] write, where slicing would write a full-size zero array per block).
     */
    private static NDArray overBlocks(
            NDArray directions,
            NDArray kappa,
            long blockRows,
            BiFunction<NDArray, NDArray, NDArray> score) {
        long rows = directions.getShape().get(0);
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        if (rows <= blockRows) {
            return score.apply(directions, kappa);
        }
        long[] cuts = new long[(int) ((rows - 1) / blockRows)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = (i + 1) * blockRows;
        }
        NDList v = directions.split(cuts, 0);
        NDList k = kappa.split(cuts, 0);
        NDList parts = new NDList(v.size());
        for (int i = 0; i < v.size(); i++) {
            parts.add(score.apply(v.get(i), k.get(i)));
        }
        return NDArrays.concat(parts, 1);
    }

    private static long defaultBlockRows(NDArray x) {
        long dim = x.getShape().get(x.getShape().dimension() - 1);
        return Math.max(1, BLOCK_BYTES / (Double.BYTES * dim));
    }

    /** Returns [K_cμ_c [C, D], κ clamped [C, D], constant_c [C]] in float64. */
    private static NDList proxyTerms(
            NDArray directions, NDArray kappa, double kappaMin, LogNormaliser normaliser) {
        int dim = (int) directions.getShape().get(1);
        NDArray mu = Float64Promotion.upcast(directions).normalize(2, 1);
        NDArray k = Float64Promotion.atLeast(kappa, kappaMin);
        NDArray kMu = k.mul(mu);
        NDArray n = kMu.norm(new int[] {1});
        NDArray constant =
                normaliser.logCUnchecked(n, dim).add(k.log().sum(new int[] {1})).sub(n.log());
        return new NDList(kMu, k, constant);
    }

    /** NaN and +∞ κ are rejected; negative κ is valid input, since it is clamped at κ_min. */
    private static void checkKappa(String function, NDArray kappa) {
        KappaGuard.require(function, KappaGuard.Domain.CLAMPABLE, new String[] {"kappa"}, kappa);
    }

    private static void checkShapes(NDArray x, NDArray v, NDArray kappa, double kappaMin) {
        Shape vs = v.getShape();
        if (vs.dimension() != 2 || !vs.equals(kappa.getShape())) {
            throw new IllegalArgumentException(
                    "nivMF proxies: directions "
                            + vs
                            + " and kappa "
                            + kappa.getShape()
                            + " must both be [C, D]");
        }
        Shape xs = x.getShape();
        if (xs.dimension() < 2 || xs.get(xs.dimension() - 1) != vs.get(1)) {
            throw new IllegalArgumentException(
                    "nivMF points " + xs + " must be [..., D] with D = " + vs.get(1));
        }
        if (!(kappaMin > 0)) {
            throw new IllegalArgumentException("kappaMin must be > 0, got " + kappaMin);
        }
    }

    private static NDArray flatten(NDArray x) {
        long d = x.getShape().get(x.getShape().dimension() - 1);
        return Float64Promotion.upcast(x).reshape(-1, d);
    }

    private static NDArray unflatten(NDArray scores, Shape xShape) {
        // Shape.getShape() exposes the shape's own array: copy before editing it
        long[] dims = xShape.getShape().clone();
        dims[dims.length - 1] = scores.getShape().get(1);
        return scores.reshape(dims);
    }
}
