package org.pdml.eval;

import org.pdml.artifacts.proto.CoveragePoint;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.artifacts.proto.RecallAtK;

/**
 * The report's flat {@code metrics} map, the names that go to MLflow: {@code recall@k}, {@code
 * precision@1}, {@code r_precision}, {@code map@r}, {@code nmi}, {@code clustering_f1}, {@code
 * auroc_kappa}, {@code auroc_vote}, {@code ece_vote}, {@code brier_vote}, {@code vote_accuracy},
 * {@code auroc_soft_vote}, {@code ece_soft_vote}, {@code soft_vote_temperature}, {@code
 * excluded_queries}, {@code aurc} and per coverage c ∈ {100, 90, 80, 50} {@code
 * risk_coverage.recall@1.c<c>} and {@code risk_coverage.map@r.c<c>}.
 */
final class FlatMetrics {
    private FlatMetrics() {}

    static void fill(EvalReport.Builder r) {
        for (RecallAtK rk : r.getRetrieval().getRecallAtKList()) {
            r.putMetrics("recall@" + rk.getK(), rk.getValue());
        }
        r.putMetrics("precision@1", r.getRetrieval().getPrecisionAt1())
                .putMetrics("r_precision", r.getRetrieval().getRPrecision())
                .putMetrics("map@r", r.getRetrieval().getMapAtR())
                .putMetrics("nmi", r.getClustering().getNmi())
                .putMetrics("clustering_f1", r.getClustering().getPairwiseF1())
                .putMetrics("auroc_kappa", r.getCalibration().getAurocKappa())
                .putMetrics("auroc_vote", r.getCalibration().getAurocVote())
                .putMetrics("ece_vote", r.getCalibration().getEceVote())
                .putMetrics("brier_vote", r.getCalibration().getBrierVote())
                .putMetrics("vote_accuracy", r.getCalibration().getVoteAccuracy())
                .putMetrics("auroc_soft_vote", r.getCalibration().getAurocSoftVote())
                .putMetrics("ece_soft_vote", r.getCalibration().getEceSoftVote())
                .putMetrics("soft_vote_temperature", r.getCalibration().getSoftVoteTemperature())
                .putMetrics("excluded_queries", r.getCounts().getExcludedQueries())
                .putMetrics("aurc", r.getRiskCoverage().getAurc());
        for (CoveragePoint p : r.getRiskCoverage().getPointsList()) {
            r.putMetrics("risk_coverage.recall@1.c" + p.getPercent(), p.getRecallAt1())
                    .putMetrics("risk_coverage.map@r.c" + p.getPercent(), p.getMapAtR());
        }
    }
}
