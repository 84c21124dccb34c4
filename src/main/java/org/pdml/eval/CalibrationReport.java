package org.pdml.eval;

import java.util.List;
import java.util.stream.IntStream;
import org.pdml.artifacts.proto.CalibrationMetrics;
import org.pdml.eval.metrics.Auroc;
import org.pdml.eval.metrics.BrierScore;
import org.pdml.eval.metrics.DecileAccuracy;
import org.pdml.eval.metrics.ExpectedCalibrationError;
import org.pdml.eval.metrics.KnnVote;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.PrecisionAtOne;
import org.pdml.eval.metrics.ReliabilityBin;
import org.pdml.eval.metrics.ReliabilityDiagram;

/**
 * Does κ tell when retrieval fails? The calibration and uncertainty numbers over the evaluated
 * queries (R_q &gt; 0):
 *
 * <ul>
 *   <li>AUROC of κ = ‖z‖ and of the kNN vote probability p_q ({@link KnnVote}) for predicting R@1
 *       correctness rel_q(1);
 *   <li>ECE ({@code eval.ece_bins} equal-width bins, 15 by default), Brier score and the
 *       reliability bins (the same bins) of p_q against 1[ŷ_q = y_q];
 *   <li>R@1 per κ decile.
 * </ul>
 *
 * @param voteK neighbours in the vote
 * @param aurocKappa AUROC(κ, rel_q(1)); NaN if all or none are correct
 * @param aurocVote AUROC(p_q, rel_q(1)); NaN if all or none are correct
 * @param ece ECE of p_q
 * @param brier Brier score of p_q
 * @param voteAccuracy mean 1[ŷ_q = y_q]
 * @param bins reliability bins of p_q
 * @param recallByKappaDecile R@1 per κ decile, least to most confident
 */
public record CalibrationReport(
        int voteK,
        double aurocKappa,
        double aurocVote,
        double ece,
        double brier,
        double voteAccuracy,
        List<ReliabilityBin> bins,
        double[] recallByKappaDecile) {

    /**
     * @param n ranked neighbour labels with depth ≥ voteK
     * @param kappa {@code [Q]} κ = ‖z‖ of each query
     * @param voteK neighbours in the vote
     * @param eceBins equal-width confidence bins of the ECE and the reliability diagram, ≥ 1
     * @return the calibration summary
     * @throws IllegalArgumentException if no query is evaluated
     */
    public static CalibrationReport of(NeighbourLabels n, double[] kappa, int voteK, int eceBins) {
        int[] e = IntStream.range(0, n.queryCount()).filter(n::evaluated).toArray();
        if (e.length == 0) {
            throw new IllegalArgumentException("calibration: no query has R_q > 0");
        }
        boolean[] top1 = MetricsStage.pickRows(PrecisionAtOne.correct(n), e);
        KnnVote vote = KnnVote.of(n, voteK);
        double[] p = MetricsStage.pickRows(vote.probability(), e);
        boolean[] voteOk = MetricsStage.pickRows(vote.correct(n), e);
        double[] k = MetricsStage.pickRows(kappa, e);
        return new CalibrationReport(
                voteK,
                Auroc.compute(k, top1),
                Auroc.compute(p, top1),
                ExpectedCalibrationError.compute(p, voteOk, eceBins),
                BrierScore.compute(p, voteOk),
                IntStream.range(0, voteOk.length).filter(i -> voteOk[i]).count()
                        / (double) voteOk.length,
                ReliabilityDiagram.compute(p, voteOk, eceBins),
                DecileAccuracy.compute(k, top1, 10));
    }

    /**
     * @return the proto form
     */
    public CalibrationMetrics toProto() {
        CalibrationMetrics.Builder b =
                CalibrationMetrics.newBuilder()
                        .setVoteK(voteK)
                        .setAurocKappa(aurocKappa)
                        .setAurocVote(aurocVote)
                        .setEceVote(ece)
                        .setBrierVote(brier)
                        .setVoteAccuracy(voteAccuracy);
        for (ReliabilityBin bin : bins) {
            b.addReliability(
                    org.pdml.artifacts.proto.ReliabilityBin.newBuilder()
                            .setLower(bin.lower())
                            .setUpper(bin.upper())
                            .setCount(bin.count())
                            .setMeanConfidence(bin.meanConfidence())
                            .setAccuracy(bin.accuracy()));
        }
        for (double r : recallByKappaDecile) {
            b.addRecallAt1ByKappaDecile(r);
        }
        return b.build();
    }
}
