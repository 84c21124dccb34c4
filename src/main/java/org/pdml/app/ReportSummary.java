package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.pdml.artifacts.proto.EvalReport;

/** Prints an evaluation report's metrics and plot paths for a person at a terminal. */
final class ReportSummary {
    private ReportSummary() {}

    /**
     * Prints every flat metric and every plot.
     *
     * @param report the report
     * @param dir the folder the report and plots were written to
     * @param out destination
     */
    static void print(EvalReport report, Path dir, PrintWriter out) {
        out.printf(
                "evaluation of split '%s' (%s):%n", report.getSplit(), dir.resolve("report.json"));
        for (Map.Entry<String, Double> m :
                new java.util.TreeMap<>(report.getMetricsMap()).entrySet()) {
            out.printf("  %-28s %.4f%n", m.getKey(), m.getValue());
        }
        for (Map.Entry<String, String> p :
                new java.util.TreeMap<>(report.getPlotsMap()).entrySet()) {
            out.printf("  plot %-23s %s%n", p.getKey(), dir.resolve(p.getValue()));
        }
        out.flush();
    }
}
