package org.pdml.eval.metrics;

/**
 * A calibrated abstain rule: answer a query only when its confidence κ reaches a threshold t,
 * fitted so that the answered queries of a calibration set (the validation split) reach a target
 * precision (R@1).
 *
 * <p><b>Fit.</b> For a threshold t let A(t) = {q : κ_q ≥ t} and P(t) = (1/|A(t)|) Σ_{q∈A(t)}
 * correct_q. The fitted t is the smallest κ value t among the calibration queries with P(t) ≥
 * target: the threshold with the largest coverage |A(t)|/N that meets the target. Queries with
 * equal κ are always accepted or rejected together. P(t) is not monotone in t, so a larger t may
 * miss the target while this one meets it. If no κ value meets it (even A(κ_max) misses), the
 * target is unreachable.
 *
 * @param target the target precision, in (0, 1]
 * @param threshold t; a query is confident iff κ ≥ t
 * @param precision P(t), the achieved R@1 on the calibration set
 * @param accepted |A(t)|
 * @param total N, the calibration queries
 */
public record AbstainThreshold(
        double target, double threshold, double precision, int accepted, int total) {

    /**
     * @return |A(t)|/N, the calibration coverage in [0, 1]
     */
    public double coverage() {
        return accepted / (double) total;
    }

    /**
     * @param kappa a confidence
     * @return whether it is confident: κ ≥ t
     */
    public boolean accepts(double kappa) {
        return kappa >= threshold;
    }

    /**
     * Fits the threshold.
     *
     * @param confidence {@code [N]} calibration confidences κ
     * @param correct {@code [N]} whether each query's nearest neighbour is correct
     * @param target target precision in (0, 1]
     * @return the fitted rule
     * @throws IllegalArgumentException if N = 0, lengths differ, a κ is NaN, the target is outside
     *     (0, 1], or the target is unreachable (the message gives the best precision any threshold
     *     achieves, and where)
     */
    public static AbstainThreshold fit(double[] confidence, boolean[] correct, double target) {
        ConfidenceOrder.requireSameLength(confidence, correct);
        requireTarget(target);
        if (confidence.length == 0) {
            throw new IllegalArgumentException("no calibration query to fit a threshold on");
        }
        int[] order = ConfidenceOrder.descending(confidence);
        AbstainThreshold fitted = null;
        AbstainThreshold best = null;
        int hits = 0;
        for (int start = 0; start < order.length; ) {
            int end = ConfidenceOrder.blockEnd(confidence, order, start);
            for (int r = start; r < end; r++) {
                hits += correct[order[r]] ? 1 : 0;
            }
            double p = hits / (double) end;
            var here = new AbstainThreshold(target, confidence[order[start]], p, end, order.length);
            fitted = p >= target ? here : fitted;
            best = best == null || p > best.precision ? here : best;
            start = end;
        }
        if (fitted == null) {
            throw new IllegalArgumentException(unreachable(best));
        }
        return fitted;
    }

    /**
     * Applies a fitted threshold to other queries (e.g. the test split), for a held-out check.
     *
     * @param confidence {@code [N]} confidences κ
     * @param correct {@code [N]} whether each query's nearest neighbour is correct
     * @return this rule with {@code precision} = R@1 of the queries it accepts there (NaN if it
     *     accepts none), {@code accepted} and {@code total} = N counted there
     * @throws IllegalArgumentException if lengths differ
     */
    public AbstainThreshold applyTo(double[] confidence, boolean[] correct) {
        ConfidenceOrder.requireSameLength(confidence, correct);
        int accepted = 0;
        int hits = 0;
        for (int i = 0; i < confidence.length; i++) {
            if (accepts(confidence[i])) {
                accepted++;
                hits += correct[i] ? 1 : 0;
            }
        }
        double p = accepted == 0 ? Double.NaN : hits / (double) accepted;
        return new AbstainThreshold(target, threshold, p, accepted, confidence.length);
    }

    /**
     * @param target a target precision
     * @throws IllegalArgumentException unless it is in (0, 1]
     */
    public static void requireTarget(double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target precision must be in (0, 1], got " + target);
        }
    }

    private static String unreachable(AbstainThreshold best) {
        return String.format(
                java.util.Locale.ROOT,
                "target precision %s is unreachable: the best R@1 any κ threshold reaches on the"
                        + " %d calibration queries is %.4f (κ >= %s, %d answered); lower the"
                        + " target",
                best.target,
                best.total,
                best.precision,
                best.threshold,
                best.accepted);
    }
}
