package org.pdml.math;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The one place where the public vMF functions check their concentrations κ, and the shared tools
 * for their κ = +∞ limits.
 *
 * <p>Contract of a checked entry point (e.g. {@link LogNormaliser#logC}, {@link VmfKl#of}): NaN or
 * negative κ (−∞ included) throws {@link IllegalArgumentException} naming the function, the
 * argument, its shape, the first offending flat index and its value. κ = +∞ gives the function's
 * closed-form limit (stated at each function): the unchecked code runs at a finite stand-in κ and
 * the limit is selected at the infinite entries, so finite entries and their gradients are exactly
 * those of the unchecked code, and infinite entries get a zero gradient.
 *
 * <p>Cost: one call reads back two numbers per κ argument (min and max; NaN propagates through
 * both), all arguments of the call in one device-to-host read. On an accelerator that read is a
 * synchronisation that drains the queued kernels, which is why the losses call the {@code
 * ...Unchecked} entry points: their κ are ‖z‖ ≥ 1e−12 and proxy concentrations clamped at κ_min
 * &gt; 0, so only a diverged model gives non-finite κ, and the NaN that then reaches the loss is
 * what the trainer reports as a non-finite loss (an exception here would bypass that report). Only
 * the failure path reads whole arrays back, to name the offending entry.
 */
final class KappaGuard {

    /** The finite κ evaluated in place of +∞ before the limit is selected. */
    private static final double STAND_IN = 1.0;

    /** The admissible values of a κ argument; each is an interval, so min and max decide. */
    enum Domain {
        /** κ ≥ 0, +∞ allowed. */
        CONCENTRATION("a concentration κ >= 0 (+∞ allowed)", 0),
        /** 0 ≤ κ &lt; +∞, for functions without a limit at +∞. */
        FINITE("a finite concentration 0 <= κ < +∞", 0),
        /** Anything below +∞ (−∞ included) but NaN, for arguments clamped below at κ_min. */
        CLAMPABLE("a number below +∞ (it is clamped below at κ_min)", Double.NEGATIVE_INFINITY);

        private final String text;
        private final double min;

        Domain(String text, double min) {
            this.text = text;
            this.min = min;
        }

        boolean admits(double v) {
            return v >= min && (this == CONCENTRATION || v < Double.POSITIVE_INFINITY);
        }
    }

    /**
     * The limit of a pairwise function where exactly one of κ_i, g_c is +∞.
     *
     * @see #pairwise
     */
    @FunctionalInterface
    interface PairLimit {
        /**
         * @param kappaI κ_i with +∞ replaced by a stand-in, [B, 1]
         * @param kappaC g_c with +∞ replaced by a stand-in, [1, C]
         * @param infiniteI whether κ_i = +∞, [B, 1] boolean (else g_c = +∞)
         * @return the limit, broadcastable to [B, C]
         */
        NDArray at(NDArray kappaI, NDArray kappaC, NDArray infiniteI);
    }

    private KappaGuard() {}

    /**
     * Checks the κ arguments of one call in one device read.
     *
     * @param function the public function being called, e.g. {@code "VmfKl.of"}
     * @param domain the admissible values
     * @param names the arguments' names, one per array
     * @param kappas the arguments, any shapes and floating dtypes
     * @return per argument, whether some entry is +∞
     * @throws IllegalArgumentException naming the first offending entry outside the domain
     */
    static boolean[] require(String function, Domain domain, String[] names, NDArray... kappas) {
        double[] range = scan(kappas);
        boolean[] infinite = new boolean[kappas.length];
        for (int a = 0; a < kappas.length; a++) {
            if (!(domain.admits(range[2 * a]) && domain.admits(range[2 * a + 1]))) {
                throw invalid(function, names[a], kappas[a], domain);
            }
            infinite[a] = range[2 * a + 1] == Double.POSITIVE_INFINITY;
        }
        return infinite;
    }

    /**
     * Checks one scalar concentration κ ≥ 0 (+∞ allowed).
     *
     * @param function the public function being called
     * @param kappa the concentration
     * @throws IllegalArgumentException if κ is NaN or negative
     */
    static void require(String function, double kappa) {
        if (!Domain.CONCENTRATION.admits(kappa)) {
            throw new IllegalArgumentException(
                    function + ": kappa must be " + Domain.CONCENTRATION.text + ", got " + kappa);
        }
    }

    /**
     * An elementwise f(κ), checked, with its limit at +∞.
     *
     * @param function the public function being called
     * @param kappa κ, any shape
     * @param limit lim_{κ→∞} f(κ)
     * @param unchecked f without checks
     * @return f(κ) at finite κ, {@code limit} at +∞
     * @throws IllegalArgumentException if an entry of κ is NaN or negative
     */
    static NDArray elementwise(
            String function, NDArray kappa, double limit, UnaryOperator<NDArray> unchecked) {
        if (!require(function, Domain.CONCENTRATION, new String[] {"kappa"}, kappa)[0]) {
            return unchecked.apply(kappa);
        }
        NDArray infinite = infinite(kappa);
        NDArray value = unchecked.apply(finiteStandIn(kappa, infinite));
        return select(infinite, Scalars.constant(value, limit), value);
    }

    /**
     * A pairwise f(κ_i, g_c) → [B, C], checked, with its limit where one of the pair is +∞.
     *
     * @param function the public function being called
     * @param kappaI κ_i, [B]
     * @param kappaC g_c, [C]
     * @param unchecked f without checks, of [B] and [C] arrays
     * @param limit f's limit where exactly one of κ_i, g_c is +∞
     * @return f at finite pairs, the limit elsewhere, [B, C]
     * @throws IllegalArgumentException if an entry is NaN or negative, or both arguments hold +∞
     *     (the limit between two point masses depends on how the two concentrations grow)
     */
    static NDArray pairwise(
            String function,
            NDArray kappaI,
            NDArray kappaC,
            BinaryOperator<NDArray> unchecked,
            PairLimit limit) {
        String[] names = {"kappaI", "kappaC"};
        boolean[] inf = require(function, Domain.CONCENTRATION, names, kappaI, kappaC);
        if (!inf[0] && !inf[1]) {
            return unchecked.apply(kappaI, kappaC);
        }
        if (inf[0] && inf[1]) {
            throw new IllegalArgumentException(
                    function
                            + ": kappaI and kappaC both hold +∞, and between two point masses the"
                            + " limit depends on how the concentrations grow; pass finite values");
        }
        NDArray infI = infinite(kappaI);
        NDArray infC = infinite(kappaC);
        NDArray ki = finiteStandIn(kappaI, infI);
        NDArray kc = finiteStandIn(kappaC, infC);
        NDArray value = unchecked.apply(ki, kc);
        NDArray column = infI.reshape(-1, 1);
        NDArray pairs = column.logicalOr(infC.reshape(1, -1));
        NDArray atLimit = limit.at(ki.reshape(-1, 1), kc.reshape(1, -1), column);
        return select(pairs, atLimit.toType(value.getDataType(), false), value);
    }

    /**
     * The mask of κ = +∞.
     *
     * @param kappa any shape
     * @return boolean, same shape
     */
    static NDArray infinite(NDArray kappa) {
        return kappa.eq(Double.POSITIVE_INFINITY);
    }

    /**
     * κ with its +∞ entries replaced by a finite stand-in (gradient 1 elsewhere, 0 there).
     *
     * @param kappa any shape
     * @param infinite {@link #infinite}(κ)
     * @return same shape and dtype
     */
    static NDArray finiteStandIn(NDArray kappa, NDArray infinite) {
        return select(infinite, Scalars.constant(kappa, STAND_IN), kappa);
    }

    /**
     * where(condition, ifTrue, ifFalse) with broadcasting (DJL's PyTorch {@code where} requires
     * equal shapes): all three are broadcast to the shape of {@code ifFalse}.
     *
     * @param condition boolean, broadcastable to the shape of {@code ifFalse}
     * @param ifTrue broadcastable to the shape of {@code ifFalse}, same dtype
     * @param ifFalse the full-shape operand
     * @return shape and dtype of {@code ifFalse}, differentiable in both operands
     */
    static NDArray select(NDArray condition, NDArray ifTrue, NDArray ifFalse) {
        Shape shape = ifFalse.getShape();
        return NDArrays.where(condition.broadcast(shape), ifTrue.broadcast(shape), ifFalse);
    }

    /**
     * {min, max} of each array, all in one device read; NaN where an array holds NaN (both
     * reductions propagate it). An empty array gives {0, 0}, which every domain admits.
     */
    private static double[] scan(NDArray... kappas) {
        NDList extremes = new NDList(2 * kappas.length);
        NDArray zero = kappas[0].getManager().create(0.0);
        for (NDArray kappa : kappas) {
            NDArray k = kappa.stopGradient();
            extremes.add(kappa.size() == 0 ? zero : k.min().toType(DataType.FLOAT64, false));
            extremes.add(kappa.size() == 0 ? zero : k.max().toType(DataType.FLOAT64, false));
        }
        return NDArrays.stack(extremes).toDoubleArray();
    }

    /** The error for the first entry outside the domain (reads the array back: failure only). */
    private static IllegalArgumentException invalid(
            String function, String argument, NDArray kappa, Domain domain) {
        double[] values = kappa.stopGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        int first = -1;
        int count = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            if (!domain.admits(values[i])) {
                count++;
                first = i;
            }
        }
        return new IllegalArgumentException(
                String.format(
                        "%s: every entry of %s %s must be %s, but entry %d (flat index) is %s"
                                + " (%d of %d entries invalid)",
                        function,
                        argument,
                        kappa.getShape(),
                        domain.text,
                        first,
                        values[first],
                        count,
                        values.length));
    }
}
