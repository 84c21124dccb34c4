package org.pdml.eval.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The contingency table n_{ck} = |{i : y_i = c, ŷ_i = k}| of class labels against cluster ids, with
 * its marginals a_c = Σ_k n_{ck} and b_k = Σ_c n_{ck}.
 */
public final class ContingencyTable {
    private final long[][] counts;
    private final long[] rowSums;
    private final long[] colSums;
    private final long total;

    private ContingencyTable(long[][] counts) {
        this.counts = counts;
        this.rowSums = new long[counts.length];
        this.colSums = new long[counts.length == 0 ? 0 : counts[0].length];
        long t = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < colSums.length; k++) {
                rowSums[c] += counts[c][k];
                colSums[k] += counts[c][k];
                t += counts[c][k];
            }
        }
        this.total = t;
    }

    /**
     * @param labels {@code [N]} class labels
     * @param clusters {@code [N]} cluster ids
     * @return the table over the distinct values present
     * @throws IllegalArgumentException if lengths differ or N = 0
     */
    public static ContingencyTable of(long[] labels, int[] clusters) {
        PairedLengths.require("labels", labels.length, "clusters", clusters.length);
        Map<Long, Integer> rows = new HashMap<>();
        Map<Integer, Integer> cols = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            rows.putIfAbsent(labels[i], rows.size());
            cols.putIfAbsent(clusters[i], cols.size());
        }
        long[][] counts = new long[rows.size()][cols.size()];
        for (int i = 0; i < labels.length; i++) {
            counts[rows.get(labels[i])][cols.get(clusters[i])]++;
        }
        return new ContingencyTable(counts);
    }

    /**
     * @return N, the number of items
     */
    public long total() {
        return total;
    }

    /**
     * @return the number of distinct classes
     */
    public int classCount() {
        return rowSums.length;
    }

    /**
     * @return the number of distinct clusters
     */
    public int clusterCount() {
        return colSums.length;
    }

    /**
     * @return I(Y; Ŷ) = Σ_{c,k} (n_{ck}/N) ln(N n_{ck} / (a_c b_k)) in nats, clipped at 0
     */
    public double mutualInformation() {
        double mi = 0;
        for (int c = 0; c < rowSums.length; c++) {
            for (int k = 0; k < colSums.length; k++) {
                long nck = counts[c][k];
                if (nck > 0) {
                    double ratio = (double) total * nck / ((double) rowSums[c] * colSums[k]);
                    mi += nck / (double) total * Math.log(ratio);
                }
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * @return H(Y) = −Σ_c (a_c/N) ln(a_c/N) in nats
     */
    public double classEntropy() {
        return entropy(rowSums);
    }

    /**
     * @return H(Ŷ) = −Σ_k (b_k/N) ln(b_k/N) in nats
     */
    public double clusterEntropy() {
        return entropy(colSums);
    }

    private double entropy(long[] marginal) {
        double h = 0;
        for (long m : marginal) {
            if (m > 0) {
                double p = m / (double) total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /**
     * @param c class row
     * @param k cluster column
     * @return n_{ck}
     */
    public long count(int c, int k) {
        return counts[c][k];
    }

    /**
     * @param c class row
     * @return a_c
     */
    public long classSize(int c) {
        return rowSums[c];
    }

    /**
     * @param k cluster column
     * @return b_k
     */
    public long clusterSize(int k) {
        return colSums[k];
    }
}
