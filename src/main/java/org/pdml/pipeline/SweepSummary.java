package org.pdml.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The result of a sweep: per combination, the selection metric's mean and sample standard deviation
 * over its finished seeds, and the winner, the combination with the highest mean (ties: the earlier
 * combination). Every value is a validation-split figure.
 *
 * @param metric the selection metric's MLflow name, e.g. {@code recall_at_1}
 * @param rows one row per combination, in combination order
 */
public record SweepSummary(String metric, List<Row> rows) {

    /**
     * One combination.
     *
     * @param combination its index
     * @param overrides its values
     * @param values the metric of each finished seed, in seed order
     */
    public record Row(int combination, Map<String, String> overrides, List<Double> values) {
        /** Copies. */
        public Row {
            overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
            values = List.copyOf(values);
        }

        /** The mean, NaN without values. */
        public double mean() {
            return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** The sample standard deviation (n − 1), 0 for one value, NaN for none. */
        public double sd() {
            int n = values.size();
            if (n < 2) {
                return n == 1 ? 0 : Double.NaN;
            }
            double m = mean();
            double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
            return Math.sqrt(ss / (n - 1));
        }
    }

    /** Copies. */
    public SweepSummary {
        rows = List.copyOf(rows);
    }

    /**
     * Collects the finished trials' metric.
     *
     * @param trials the planned trials
     * @param finished a trial's metrics when it has finished, else empty
     * @param metric the selection metric
     * @return the summary; a finished trial without the metric fails
     * @throws IllegalArgumentException naming the trial and the metrics it has, when one lacks it
     */
    public static SweepSummary of(
            List<SweepTrial> trials,
            Function<SweepTrial, Optional<Map<String, Double>>> finished,
            String metric) {
        Map<Integer, Row> rows = new LinkedHashMap<>();
        for (SweepTrial t : trials) {
            List<Double> values = new ArrayList<>();
            Row before = rows.get(t.combination());
            if (before != null) {
                values.addAll(before.values());
            }
            Optional<Map<String, Double>> metrics = finished.apply(t);
            if (metrics.isPresent()) {
                Double v = metrics.get().get(metric);
                if (v == null) {
                    throw new IllegalArgumentException(
                            "trial "
                                    + t.id()
                                    + " has no metric "
                                    + metric
                                    + "; it has "
                                    + metrics.get().keySet());
                }
                values.add(v);
            }
            rows.put(t.combination(), new Row(t.combination(), t.overrides(), values));
        }
        return new SweepSummary(metric, new ArrayList<>(rows.values()));
    }

    /**
     * The combination with the highest mean over at least one finished seed.
     *
     * @return the winner, empty when no trial has finished
     */
    public Optional<Row> winner() {
        return rows.stream()
                .filter(r -> !r.values().isEmpty())
                .max(
                        Comparator.comparingDouble(Row::mean)
                                .thenComparing(Row::combination, Comparator.reverseOrder()));
    }

    /**
     * The table as Markdown: one row per combination with its overrides, seeds finished, mean ± sd
     * and each value; the winner marked.
     *
     * @return the text
     */
    public String toMarkdown() {
        Optional<Row> best = winner();
        StringBuilder s = new StringBuilder();
        s.append("| combination | overrides | seeds | val ")
                .append(metric)
                .append(" mean ± sd | values |\n");
        s.append("|---|---|---|---|---|\n");
        for (Row r : rows) {
            boolean won = best.isPresent() && best.get().combination() == r.combination();
            s.append(
                    String.format(
                            Locale.ROOT,
                            "| %d%s | %s | %d | %s | %s |%n",
                            r.combination(),
                            won ? " (best)" : "",
                            overridesText(r.overrides()),
                            r.values().size(),
                            meanSd(r),
                            valuesText(r.values())));
        }
        return s.toString();
    }

    private static String overridesText(Map<String, String> o) {
        if (o.isEmpty()) {
            return "(the config as it is)";
        }
        List<String> parts = new ArrayList<>();
        o.forEach((k, v) -> parts.add("`" + k + "=" + v + "`"));
        return String.join(" ", parts);
    }

    private static String meanSd(Row r) {
        return r.values().isEmpty()
                ? "–"
                : String.format(Locale.ROOT, "%.4f ± %.4f", r.mean(), r.sd());
    }

    private static String valuesText(List<Double> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(String.format(Locale.ROOT, "%.4f", v)));
        return String.join(", ", parts);
    }
}
