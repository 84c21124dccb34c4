package org.pdml.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.ChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.pdml.eval.metrics.ReliabilityBin;

/**
 * The evaluation plots as PNG files of {@value #WIDTH}×{@value #HEIGHT} pixels, drawn headless with
 * XChart.
 */
public final class EvalPlots {
    /** Image width in pixels. */
    public static final int WIDTH = 640;

    /** Image height in pixels. */
    public static final int HEIGHT = 480;

    private EvalPlots() {}

    /**
     * Reliability diagram: accuracy per non-empty bin against its mean confidence, with the
     * diagonal of perfect calibration.
     *
     * @param bins the reliability bins
     * @param file target PNG
     * @throws IOException if writing fails
     */
    public static void reliability(List<ReliabilityBin> bins, Path file) throws IOException {
        List<ReliabilityBin> used = bins.stream().filter(b -> b.count() > 0).toList();
        double[] conf = used.stream().mapToDouble(ReliabilityBin::meanConfidence).toArray();
        double[] acc = used.stream().mapToDouble(ReliabilityBin::accuracy).toArray();
        XYChart chart = xy("Reliability (kNN vote)", "confidence", "accuracy");
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        if (conf.length > 0) {
            chart.addSeries("pdml", conf, acc);
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        save(chart, file);
    }

    /**
     * R@1 per κ decile, least to most confident (the paper's uncertainty-awareness figure).
     *
     * @param recall {@code [G]} R@1 per group (NaN groups drawn as 0)
     * @param file target PNG
     * @throws IOException if writing fails
     */
    public static void recallByKappaDecile(double[] recall, Path file) throws IOException {
        double[] x = new double[recall.length];
        double[] y = new double[recall.length];
        for (int g = 0; g < recall.length; g++) {
            x[g] = g + 1;
            y[g] = Double.isNaN(recall[g]) ? 0 : recall[g];
        }
        CategoryChart chart = category("R@1 per κ decile", "κ decile (1 = lowest ‖z‖)", "R@1");
        chart.addSeries("R@1", x, y);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        save(chart, file);
    }

    /**
     * Histogram of κ = ‖z‖ in equal-width bins between its minimum and maximum.
     *
     * @param kappa {@code [N]} norms
     * @param bins number of bins ≥ 1
     * @param file target PNG
     * @throws IOException if writing fails
     */
    public static void kappaHistogram(double[] kappa, int bins, Path file) throws IOException {
        double lo = java.util.Arrays.stream(kappa).min().orElse(0);
        double hi = java.util.Arrays.stream(kappa).max().orElse(1);
        double width = hi > lo ? (hi - lo) / bins : 1;
        double[] centres = new double[bins];
        double[] counts = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = Math.round((lo + (b + 0.5) * width) * 100) / 100.0;
        }
        for (double k : kappa) {
            counts[Math.min(bins - 1, (int) ((k - lo) / width))]++;
        }
        CategoryChart chart = category("κ = ‖z‖", "κ", "count");
        chart.addSeries("images", centres, counts);
        chart.getStyler().setXAxisLabelRotation(45);
        save(chart, file);
    }

    /**
     * Recall@k curve.
     *
     * @param ks the k values
     * @param recall R@k for each k
     * @param file target PNG
     * @throws IOException if writing fails
     */
    public static void recallCurve(int[] ks, double[] recall, Path file) throws IOException {
        double[] x = java.util.Arrays.stream(ks).asDoubleStream().toArray();
        XYChart chart = xy("Recall@k", "k", "Recall@k");
        chart.addSeries("pdml", x, recall);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        save(chart, file);
    }

    /**
     * Risk–coverage curve: the error rate (1 − R@1) among the i most confident queries against the
     * coverage i/N, with AURC in the legend.
     *
     * @param risk {@code [N]} risk(top-i) for i = 1..N
     * @param aurc the area under it
     * @param file target PNG
     * @throws IOException if writing fails
     */
    public static void riskCoverage(double[] risk, double aurc, Path file) throws IOException {
        double[] coverage = new double[risk.length];
        for (int i = 0; i < risk.length; i++) {
            coverage[i] = (i + 1) / (double) risk.length;
        }
        XYChart chart = xy("Risk–coverage (κ)", "coverage", "risk = 1 − R@1");
        if (risk.length > 0) {
            chart.addSeries(
                    String.format(java.util.Locale.ROOT, "AURC %.4f", aurc), coverage, risk);
        }
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        save(chart, file);
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = titled(new XYChartBuilder(), title, xTitle, yTitle);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        return chart;
    }

    private static CategoryChart category(String title, String xTitle, String yTitle) {
        CategoryChart chart = titled(new CategoryChartBuilder(), title, xTitle, yTitle);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /** Every plot's size and titles, whatever the chart type. */
    private static <C extends Chart<?, ?>> C titled(
            ChartBuilder<?, C> builder, String title, String xTitle, String yTitle) {
        // each setter returns the builder as ChartBuilder<?, ?>, which has lost C: call them apart
        builder.width(WIDTH);
        builder.height(HEIGHT);
        builder.title(title);
        C chart = builder.build();
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        return chart;
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        }
    }
}
