package org.pdml.math;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mpmath oracle {@code golden/vmf_log_normaliser.csv} (generator:
 * src/test/python/oracles/vmf_oracle.py): per D, the κ grid with log C_D(κ) and A_D(κ).
 */
final class VmfGolden {

    /** One dimension's rows, as parallel arrays. */
    record Rows(double[] kappa, double[] logC, double[] meanResultant) {}

    private VmfGolden() {}

    /** All rows, keyed by D in ascending order. */
    static Map<Integer, Rows> load() {
        Map<Integer, List<double[]>> byDim = new TreeMap<>();
        String resource = "/golden/vmf_log_normaliser.csv";
        try (InputStream in = VmfGolden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                byDim.computeIfAbsent(Integer.parseInt(f[0]), d -> new ArrayList<>())
                        .add(
                                new double[] {
                                    Double.parseDouble(f[1]),
                                    Double.parseDouble(f[2]),
                                    Double.parseDouble(f[3])
                                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        Map<Integer, Rows> out = new TreeMap<>();
        byDim.forEach((d, rows) -> out.put(d, toRows(rows)));
        return out;
    }

    private static Rows toRows(List<double[]> rows) {
        int n = rows.size();
        double[][] cols = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                cols[c][i] = rows.get(i)[c];
            }
        }
        return new Rows(cols[0], cols[1], cols[2]);
    }
}
