package org.pdml.eval;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.pdml.artifacts.NpyArray;
import org.pdml.artifacts.proto.ClusteringMetrics;
import org.pdml.artifacts.proto.Counts;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.artifacts.proto.RecallAtK;
import org.pdml.artifacts.proto.RetrievalMetrics;
import org.pdml.eval.metrics.ClusteringF1;
import org.pdml.eval.metrics.MapAtR;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.Nmi;
import org.pdml.eval.metrics.PrecisionAtOne;
import org.pdml.eval.metrics.RPrecision;
import org.pdml.eval.retrieval.ExactKnn;
import org.pdml.eval.retrieval.KMeans;
import org.pdml.eval.retrieval.Neighbours;
import org.pdml.eval.retrieval.Similarity;

/**
 * Metrics from an embedding file alone: exact kNN → retrieval metrics, k-means → NMI, κ and kNN
 * vote → calibration, then plots and the {@link EvalReport} ({@code report.pb}, {@code
 * report.json}) in the output folder, with the cluster ids as {@code clusters.npy}.
 *
 * <p>The kNN depth is max(k list, vote k, max R_q), so R-Precision and MAP@R always see R_q
 * neighbours. k-means runs on the L2-normalised embeddings of all rows with K = number of distinct
 * labels among them (docs/method.md §4.1).
 */
public final class MetricsStage {
    /** Report schema version. */
    public static final int SCHEMA_VERSION = 1;

    /** File name of the cluster ids (int64, row order). */
    public static final String CLUSTERS = "clusters.npy";

    private MetricsStage() {}

    /**
     * Computes and writes everything.
     *
     * @param embeddings the embedding folder
     * @param options what to compute
     * @param out the report folder (created if absent)
     * @return the report that was written
     * @throws IOException if reading or writing fails
     * @throws IllegalArgumentException on a malformed embedding folder or impossible options
     */
    public static EvalReport run(Path embeddings, MetricsOptions options, Path out)
            throws IOException {
        EmbeddingFile file = EmbeddingFile.read(embeddings);
        Files.createDirectories(out);
        try (NDManager manager = NDManager.newBaseManager()) {
            QueryGallerySplit split = QueryGallerySplit.of(file, options.queryGallery());
            Neighbours found = search(manager, file, split, options);
            NeighbourLabels n = labels(file, split, found);
            EvalReport.Builder report =
                    EvalReport.newBuilder()
                            .setSchemaVersion(SCHEMA_VERSION)
                            .setToolVersion(toolVersion())
                            .setCreatedAt(Instant.now().toString())
                            .setModelSha256(options.modelSha256())
                            .setDataSha256(DataHash.ofFolder(embeddings))
                            .setEmbeddingsPath(embeddings.toString())
                            .setSplit(options.split())
                            .setQueryGallery(options.queryGallery())
                            .addAllK(options.ks())
                            .setCounts(counts(file, split, n))
                            .setRetrieval(retrieval(n, options))
                            .setClustering(clustering(manager, file, options, out));
            double[] kappa = pickRows(file.norms(), split.queries());
            CalibrationReport calibration =
                    CalibrationReport.of(
                            n, found.scores(), kappa, options.voteK(), options.eceBins());
            report.setCalibration(calibration.toProto());
            RiskCoverageReport riskCoverage = RiskCoverageReport.of(n, kappa);
            report.setRiskCoverage(riskCoverage.toProto());
            ReportPlots.write(report, calibration, riskCoverage, kappa, out);
            FlatMetrics.fill(report);
            EvalReport done = report.build();
            EvalReportWriter.write(done, out);
            return done;
        }
    }

    static NeighbourLabels neighbours(
            NDManager manager, EmbeddingFile file, QueryGallerySplit split, MetricsOptions o) {
        return labels(file, split, search(manager, file, split, o));
    }

    /**
     * The ranked neighbours of every query, deep enough for every metric: max(k of Recall@k, the
     * vote's k, max R_q).
     */
    static Neighbours search(
            NDManager manager, EmbeddingFile file, QueryGallerySplit split, MetricsOptions o) {
        long[] qLabels = QueryGallerySplit.pick(file.labels(), split.queries());
        long[] gLabels = QueryGallerySplit.pick(file.labels(), split.gallery());
        int[] relevant = NeighbourLabels.relevantCounts(qLabels, gLabels, split.selfInGallery());
        int maxR = Arrays.stream(relevant).max().orElse(0);
        int maxK = o.ks().stream().mapToInt(Integer::intValue).max().orElse(1);
        int depth = Math.max(Math.max(maxK, o.voteK()), maxR);
        int available =
                split.gallery().length
                        - (Arrays.stream(split.selfInGallery()).anyMatch(i -> i >= 0) ? 1 : 0);
        requireGallery(available, maxK, o.voteK());
        ExactKnn knn = new ExactKnn(o.similarity(), depth, o.blockSize());
        return knn.search(
                manager,
                file.rows(split.queries()),
                file.rows(split.gallery()),
                file.dim(),
                split.selfInGallery());
    }

    /** Names the setting that asks for more neighbours than the gallery holds. */
    private static void requireGallery(int available, int maxK, int voteK) {
        List<String> tooDeep = new java.util.ArrayList<>();
        if (maxK > available) {
            tooDeep.add("eval.k_list / --k (largest k = " + maxK + ")");
        }
        if (voteK > available) {
            tooDeep.add("eval.knn_vote_k / --vote-k (" + voteK + ")");
        }
        if (!tooDeep.isEmpty()) {
            throw new IllegalArgumentException(
                    String.join(" and ", tooDeep)
                            + " asks for more neighbours than the "
                            + available
                            + " gallery items each query has; lower it");
        }
    }

    private static NeighbourLabels labels(
            EmbeddingFile file, QueryGallerySplit split, Neighbours found) {
        long[] qLabels = QueryGallerySplit.pick(file.labels(), split.queries());
        long[] gLabels = QueryGallerySplit.pick(file.labels(), split.gallery());
        int[] relevant = NeighbourLabels.relevantCounts(qLabels, gLabels, split.selfInGallery());
        return new NeighbourLabels(qLabels, found.labels(gLabels), relevant);
    }

    private static Counts counts(EmbeddingFile file, QueryGallerySplit split, NeighbourLabels n) {
        return Counts.newBuilder()
                .setRows(file.count())
                .setQueries(split.queries().length)
                .setGallery(split.gallery().length)
                .setEvaluatedQueries(n.evaluatedCount())
                .setExcludedQueries(n.excludedCount())
                .setClasses(Arrays.stream(file.labels()).distinct().count())
                .setDim(file.dim())
                .build();
    }

    private static RetrievalMetrics retrieval(NeighbourLabels n, MetricsOptions o) {
        RetrievalMetrics.Builder b =
                RetrievalMetrics.newBuilder()
                        .setSimilarity(o.similarity() == Similarity.COSINE ? "cosine" : "l2")
                        .setPrecisionAt1(PrecisionAtOne.compute(n))
                        .setRPrecision(RPrecision.compute(n))
                        .setMapAtR(MapAtR.compute(n))
                        .setDepth(n.depth())
                        .setMaxRelevant(n.maxRelevant());
        for (int k : o.ks()) {
            double r = org.pdml.eval.metrics.RecallAtK.compute(n, k);
            b.addRecallAtK(RecallAtK.newBuilder().setK(k).setValue(r));
        }
        return b.build();
    }

    private static ClusteringMetrics clustering(
            NDManager manager, EmbeddingFile file, MetricsOptions o, Path out) throws IOException {
        int clusters = (int) Arrays.stream(file.labels()).distinct().count();
        KMeans kmeans = new KMeans(clusters, o.kmeansIterations(), o.nInit(), o.seed());
        KMeans.Result result = kmeans.fit(manager, normalised(file), file.dim());
        long[] ids = Arrays.stream(result.assignments()).asLongStream().toArray();
        NpyArray.writeLongs(out.resolve(CLUSTERS), ids);
        return ClusteringMetrics.newBuilder()
                .setNmi(Nmi.compute(file.labels(), result.assignments()))
                .setPairwiseF1(ClusteringF1.compute(file.labels(), result.assignments()))
                .setClusters(clusters)
                .setSeed(o.seed())
                .setNInit(o.nInit())
                .setMaxIterations(o.kmeansIterations())
                .setInertia(result.inertia())
                .setAssignmentsPath(CLUSTERS)
                .build();
    }

    /**
     * @param file an embedding file
     * @return row-major {@code [N, D]} rows x / max(‖x‖₂, 1e-12)
     */
    public static float[] normalised(EmbeddingFile file) {
        float[] out = file.embeddings().clone();
        double[] norms = file.norms();
        int d = file.dim();
        for (int i = 0; i < file.count(); i++) {
            double scale = 1.0 / Math.max(norms[i], 1e-12);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) (out[i * d + j] * scale);
            }
        }
        return out;
    }

    static double[] pickRows(double[] values, int[] rows) {
        return Arrays.stream(rows).mapToDouble(r -> values[r]).toArray();
    }

    static boolean[] pickRows(boolean[] values, int[] rows) {
        boolean[] out = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    private static String toolVersion() {
        String v = MetricsStage.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * @param ks comma-separated k values, e.g. {@code "1,2,4,8"}
     * @return the parsed list
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<Integer> parseKs(String ks) {
        try {
            return Arrays.stream(ks.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--k must be comma-separated integers: " + ks, e);
        }
    }
}
