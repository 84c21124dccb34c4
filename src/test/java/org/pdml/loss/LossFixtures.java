package org.pdml.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Random;

/** Test inputs in the loss convention, as plain double arrays turned into NDArrays on demand. */
record LossFixtures(double[][] z, double[][] v, double[][] kappa, double t, long[] labels) {

    /** A seeded random problem: ‖z‖ in [2, 8], κ in [0.5, 4], so no clamp is active. */
    static LossFixtures random(long seed, int b, int c, int d, long[] labels, double t) {
        Random r = new Random(seed);
        double[][] z = new double[b][d];
        for (double[] row : z) {
            double scale = 2 + 6 * r.nextDouble();
            fill(row, r);
            scaleToNorm(row, scale);
        }
        double[][] v = new double[c][d];
        double[][] kappa = new double[c][d];
        for (int k = 0; k < c; k++) {
            fill(v[k], r);
            for (int j = 0; j < d; j++) {
                kappa[k][j] = 0.5 + 3.5 * r.nextDouble();
            }
        }
        return new LossFixtures(z, v, kappa, t, labels);
    }

    NDList predictions(NDManager m) {
        return new NDList(m.create(z), m.create(v), m.create(kappa), m.create(new double[] {t}));
    }

    NDList labelList(NDManager m) {
        return new NDList(m.create(labels));
    }

    ProxyLossInputs inputs(NDManager m) {
        return ProxyLossInputs.of(labelList(m), predictions(m), true);
    }

    static NDArray rows(NDManager m, double[]... rows) {
        return m.create(rows);
    }

    private static void fill(double[] row, Random r) {
        for (int j = 0; j < row.length; j++) {
            row[j] = r.nextGaussian();
        }
    }

    private static void scaleToNorm(double[] row, double norm) {
        double s = 0;
        for (double x : row) {
            s += x * x;
        }
        s = Math.sqrt(s);
        for (int j = 0; j < row.length; j++) {
            row[j] *= norm / s;
        }
    }
}
