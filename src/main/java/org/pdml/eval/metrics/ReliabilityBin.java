package org.pdml.eval.metrics;

/**
 * One equal-width confidence bin (lower, upper] (the first bin also holds confidence 0).
 *
 * @param lower lower edge b/B
 * @param upper upper edge (b+1)/B
 * @param count n_b, the number of predictions in the bin
 * @param meanConfidence conf_b = mean confidence in the bin (NaN if empty)
 * @param accuracy acc_b = fraction correct in the bin (NaN if empty)
 */
public record ReliabilityBin(
        double lower, double upper, long count, double meanConfidence, double accuracy) {}
