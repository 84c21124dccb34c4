package org.pdml.eval;

import java.io.IOException;
import java.nio.file.Path;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.artifacts.proto.RecallAtK;

/** Draws the five report plots beside the report and records their relative paths. */
final class ReportPlots {
    static final String RELIABILITY = "reliability.png";
    static final String KAPPA_DECILES = "recall_at_1_by_kappa_decile.png";
    static final String KAPPA_HISTOGRAM = "kappa_histogram.png";
    static final String RECALL_CURVE = "recall_at_k.png";
    static final String RISK_COVERAGE = "risk_coverage.png";

    private ReportPlots() {}

    static void write(
            EvalReport.Builder report,
            CalibrationReport calibration,
            RiskCoverageReport riskCoverage,
            double[] kappa,
            Path out)
            throws IOException {
        EvalPlots.reliability(calibration.bins(), out.resolve(RELIABILITY));
        EvalPlots.recallByKappaDecile(
                calibration.recallByKappaDecile(), out.resolve(KAPPA_DECILES));
        EvalPlots.kappaHistogram(kappa, 30, out.resolve(KAPPA_HISTOGRAM));
        var recalls = report.getRetrieval().getRecallAtKList();
        int[] ks = recalls.stream().mapToInt(RecallAtK::getK).toArray();
        double[] values = recalls.stream().mapToDouble(RecallAtK::getValue).toArray();
        EvalPlots.recallCurve(ks, values, out.resolve(RECALL_CURVE));
        EvalPlots.riskCoverage(
                riskCoverage.risk(), riskCoverage.aurc(), out.resolve(RISK_COVERAGE));
        report.putPlots("reliability", RELIABILITY)
                .putPlots("recall_at_1_by_kappa_decile", KAPPA_DECILES)
                .putPlots("kappa_histogram", KAPPA_HISTOGRAM)
                .putPlots("recall_at_k", RECALL_CURVE)
                .putPlots("risk_coverage", RISK_COVERAGE);
    }
}
