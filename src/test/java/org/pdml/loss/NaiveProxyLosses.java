package org.pdml.loss;

/**
 * Plain-double loop implementations of the cosine-based losses, written straight from the formulas
 * of docs/method.md §1.5 and the baseline papers, as an independent oracle for the vectorised code.
 */
final class NaiveProxyLosses {

    private NaiveProxyLosses() {}

    static double[][] cosines(double[][] z, double[][] v) {
        double[][] cos = new double[z.length][v.length];
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < v.length; c++) {
                cos[i][c] = dot(z[i], v[c]) / Math.sqrt(dot(z[i], z[i]) * dot(v[c], v[c]));
            }
        }
        return cos;
    }

    /** (1/B) Σ_i [−ℓ_{i,y_i} + log Σ_c exp ℓ_ic]. */
    static double nca(double[][] logits, long[] y) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double sum = 0;
            for (double l : logits[i]) {
                sum += Math.exp(l);
            }
            total += Math.log(sum) - logits[i][(int) y[i]];
        }
        return total / logits.length;
    }

    /** L⁺ + L⁻ of docs/method.md §1.5. */
    static double guidance(double[][] cos, long[] y, double alpha, double delta) {
        double pos = 0;
        for (int j = 0; j < y.length; j++) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == y[j]) {
                    sum += Math.exp(-alpha * (cos[i][(int) y[j]] - delta));
                }
            }
            pos += Math.log(1 + sum);
        }
        return pos / y.length + negative(cos, y, alpha, delta);
    }

    /** Kim et al. 2020: positives over classes present, negatives over all proxies. */
    static double proxyAnchor(double[][] cos, long[] y, double alpha, double delta) {
        int classes = cos[0].length;
        double pos = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            boolean any = false;
            for (int i = 0; i < y.length; i++) {
                if (y[i] == c) {
                    sum += Math.exp(-alpha * (cos[i][c] - delta));
                    any = true;
                }
            }
            pos += Math.log(1 + sum);
            present += any ? 1 : 0;
        }
        return pos / present + negative(cos, y, alpha, delta);
    }

    /** (1/B) Σ_i [d_{i,y_i} + log Σ_{c ≠ y_i} exp(−d_ic)], d = (2 − 2cos)/T. */
    static double proxyNca(double[][] cos, long[] y, double t) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            for (int c = 0; c < cos[i].length; c++) {
                if (c != y[i]) {
                    sum += Math.exp(-(2 - 2 * cos[i][c]) / t);
                }
            }
            total += (2 - 2 * cos[i][(int) y[i]]) / t + Math.log(sum);
        }
        return total / y.length;
    }

    private static double negative(double[][] cos, long[] y, double alpha, double delta) {
        int classes = cos[0].length;
        double neg = 0;
        for (int c = 0; c < classes; c++) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i] != c) {
                    sum += Math.exp(alpha * (cos[i][c] + delta));
                }
            }
            neg += Math.log(1 + sum);
        }
        return neg / classes;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
