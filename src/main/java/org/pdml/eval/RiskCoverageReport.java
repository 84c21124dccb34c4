package org.pdml.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.pdml.artifacts.proto.CoveragePoint;
import org.pdml.artifacts.proto.RiskCoverageMetrics;
import org.pdml.eval.metrics.Aurc;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.PrecisionAtOne;
import org.pdml.eval.metrics.RiskCoverage;

/**
 * Is κ worth abstaining on? Over the evaluated queries (R_q &gt; 0): R@1 and MAP@R of the most
 * confident {@link #PERCENTS} percent ({@link RiskCoverage}), the risk–coverage curve (risk = 1 −
 * R@1 correctness) and its area AURC ({@link Aurc}).
 *
 * @param aurc AURC of κ
 * @param points one per coverage in {@link #PERCENTS}
 * @param risk {@code [N]} risk(top-i) for i = 1..N, the curve
 */
public record RiskCoverageReport(double aurc, List<RiskCoverage.Point> points, double[] risk) {

    /** Reported coverages in percent. */
    public static final List<Integer> PERCENTS = List.of(100, 90, 80, 50);

    /**
     * @param n ranked neighbour labels with depth ≥ max R_q
     * @param kappa {@code [Q]} κ = ‖z‖ of each query
     * @return the risk–coverage summary
     * @throws IllegalArgumentException if no query is evaluated
     */
    public static RiskCoverageReport of(NeighbourLabels n, double[] kappa) {
        int[] e = IntStream.range(0, n.queryCount()).filter(n::evaluated).toArray();
        boolean[] top1 = MetricsStage.pickRows(PrecisionAtOne.correct(n), e);
        double[] k = MetricsStage.pickRows(kappa, e);
        List<RiskCoverage.Point> points = new ArrayList<>();
        for (int percent : PERCENTS) {
            points.add(RiskCoverage.at(n, kappa, percent));
        }
        return new RiskCoverageReport(Aurc.compute(k, top1), points, Aurc.riskCurve(k, top1));
    }

    /**
     * @return the proto form
     */
    public RiskCoverageMetrics toProto() {
        RiskCoverageMetrics.Builder b = RiskCoverageMetrics.newBuilder().setAurc(aurc);
        for (RiskCoverage.Point p : points) {
            b.addPoints(
                    CoveragePoint.newBuilder()
                            .setPercent(p.percent())
                            .setAnswered(p.answered())
                            .setRecallAt1(p.recallAt1())
                            .setMapAtR(p.mapAtR())
                            .setMinKappa(p.minConfidence()));
        }
        return b.build();
    }
}
