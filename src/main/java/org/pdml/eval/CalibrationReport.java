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
import org.pdml.eval.metrics.SoftVote;

/**
 * Does κ tell when retrieval fails? The calibration and uncertainty numbers over the evaluated
 * queries (R_q &gt; 0):
 *
 * <ul>
 *   <li>AUROC of κ = ‖z‖ and of the kNN vote probability p_q ({@link KnnVote}) for predicting R@1
 *       correctness rel_q(1);
 *   <li>ECE ({@code eval.ece_bins} equal-width bins, 15 by default), Brier score and the
 *       reliability bins (the same bins) of p_q against 1[ŷ_q = y_q];
 *   <li>the temperature-scaled vote c_q ({@link SoftVote}, the same k neighbours): its fitted τ,
 *       and the AUROC and ECE of its cross-fitted confidence against rel_q(1). Unlike p_q, c_q
 *       scores the answer R@1 gives, so its AUROC is directly comparable with κ's;
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
 * @param softVoteTemperature τ of {@link SoftVote} fitted on all evaluated queries
 * @param aurocSoftVote AUROC(c_q, rel_q(1)) of the cross-fitted c_q; NaN if all or none are correct
 * @param eceSoftVote ECE of the cross-fitted c_q against rel_q(1)
 */
public record CalibrationReport(
        int voteK,
        double aurocKappa,
        double aurocVote,
        double ece,
        double brier,
        double voteAccuracy,
        List<ReliabilityBin> bins,
        double[] recallByKappaDecile,
        double softVoteTemperature,
        double aurocSoftVote,
        double eceSoftVote) {

    /**
     * @param n ranked neighbour labels with depth ≥ voteK
     * @param scores {@code [Q·depth]} the neighbours' similarities, row-major
     * @param kappa {@code [Q]} κ = ‖z‖ of each query
     * @param voteK neighbours in the vote
     * @param eceBins equal-width confidence bins of the ECE and the reliability diagram, ≥ 1
     * @return the calibration summary
     * @throws IllegalArgumentException if no query is evaluated
     */
    public static CalibrationReport of(
            NeighbourLabels n, float[] scores, double[] kappa, int voteK, int eceBins) {
        int[] e = IntStream.range(0, n.queryCount()).filter(n::evaluated).toArray();
        if (e.length == 0) {
            throw new IllegalArgumentException("calibration: no query has R_q > 0");
        }
        boolean[] allTop1 = PrecisionAtOne.correct(n);
        boolean[] top1 = MetricsStage.pickRows(allTop1, e);
        KnnVote vote = KnnVote.of(n, voteK);
        double[] p = MetricsStage.pickRows(vote.probability(), e);
        boolean[] voteOk = MetricsStage.pickRows(vote.correct(n), e);
        double[] k = MetricsStage.pickRows(kappa, e);
        double[] soft =
                e.length < 2
                        ? new double[] {SoftVote.confidence(n, scores, voteK, 1, e[0])}
                        : SoftVote.crossFitted(n, scores, voteK, e, allTop1);
        return new CalibrationReport(
                voteK,
                Auroc.compute(k, top1),
                Auroc.compute(p, top1),
                ExpectedCalibrationError.compute(p, voteOk, eceBins),
                BrierScore.compute(p, voteOk),
                IntStream.range(0, voteOk.length).filter(i -> voteOk[i]).count()
                        / (double) voteOk.length,
                ReliabilityDiagram.compute(p, voteOk, eceBins),
                DecileAccuracy.compute(k, top1, 10),
                SoftVote.fitTemperature(n, scores, voteK, e, allTop1),
                Auroc.compute(soft, top1),
                ExpectedCalibrationError.compute(soft, top1, eceBins));
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
                        .setVoteAccuracy(voteAccuracy)
                        .setSoftVoteTemperature(softVoteTemperature)
                        .setAurocSoftVote(aurocSoftVote)
                        .setEceSoftVote(eceSoftVote);
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
