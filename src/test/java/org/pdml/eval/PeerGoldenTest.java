package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pdml.artifacts.NpyArray;
import org.pdml.eval.metrics.ClusteringF1;
import org.pdml.eval.metrics.MapAtR;
import org.pdml.eval.metrics.NeighbourLabels;
import org.pdml.eval.metrics.Nmi;
import org.pdml.eval.metrics.PrecisionAtOne;
import org.pdml.eval.metrics.RPrecision;
import org.pdml.eval.metrics.RecallAtK;
import org.pdml.eval.retrieval.KMeans;

/**
 * pdml against the peer goldens of src/test/python/peer/make_goldens.py: pytorch-metric-learning
 * (P@1, RP, MAP@R), scikit-learn (NMI and pairwise F1 on pdml's committed cluster ids, AUROC of κ)
 * and a numpy ECE/Brier of the kNN vote, all within 1e-6; the temperature-scaled vote (fitted τ,
 * cross-fitted AUROC and ECE) against the numpy-only soft_vote_golden.py on every set without tied
 * similarities. The sets are the synthetic ones and a real one ({@value #REAL_SET}: test-split
 * embeddings of a trained Emoji-Vendors quickstart model).
 */
class PeerGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/peer");
    private static final double TOL = 1e-6;
    static final String REAL_SET = "emoji-vendors-quickstart";

    static Stream<Path> sets() throws IOException {
        try (Stream<Path> s = Files.list(GOLDEN)) {
            List<Path> dirs =
                    s.filter(p -> Files.exists(p.resolve("golden.json"))).sorted().toList();
            assertThat(dirs).hasSizeGreaterThanOrEqualTo(4);
            // The real set: test-split embeddings of the trained quickstart model.
            assertThat(dirs).map(p -> p.getFileName().toString()).contains(REAL_SET);
            return dirs.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sets")
    void retrievalAndCalibrationMatchThePeers(Path set) throws IOException {
        JsonNode g = new ObjectMapper().readTree(set.resolve("golden.json").toFile());
        EmbeddingFile file = EmbeddingFile.read(set);
        QueryGallerySplit split = QueryGallerySplit.of(file, g.get("query_gallery").asBoolean());
        MetricsOptions o = MetricsOptions.defaults(List.of(1, 2, 4, 8));
        try (NDManager manager = NDManager.newBaseManager()) {
            NeighbourLabels n = MetricsStage.neighbours(manager, file, split, o);
            assertThat(n.excludedCount()).isEqualTo(g.get("excluded_queries").asInt());
            assertThat(n.evaluatedCount()).isEqualTo(g.get("evaluated_queries").asInt());
            assertThat(PrecisionAtOne.compute(n))
                    .isCloseTo(g.get("precision_at_1").asDouble(), within(TOL));
            assertThat(RPrecision.compute(n))
                    .isCloseTo(g.get("r_precision").asDouble(), within(TOL));
            assertThat(MapAtR.compute(n))
                    .isCloseTo(g.get("mean_average_precision_at_r").asDouble(), within(TOL));
            for (int k : o.ks()) {
                assertThat(RecallAtK.compute(n, k))
                        .as("R@%d", k)
                        .isCloseTo(g.get("recall_at_k").get("" + k).asDouble(), within(TOL));
            }
            double[] kappa = MetricsStage.pickRows(file.norms(), split.queries());
            float[] scores = MetricsStage.search(manager, file, split, o).scores();
            CalibrationReport c =
                    CalibrationReport.of(n, scores, kappa, g.get("vote_k").asInt(), 15);
            assertThat(c.aurocKappa()).isCloseTo(g.get("auroc_kappa").asDouble(), within(TOL));
            assertThat(c.ece()).isCloseTo(g.get("ece_vote").asDouble(), within(TOL));
            assertThat(c.brier()).isCloseTo(g.get("brier_vote").asDouble(), within(TOL));
            Path soft = set.resolve("soft_vote.json");
            if (Files.exists(soft)) {
                JsonNode v = new ObjectMapper().readTree(soft.toFile());
                assertThat(v.get("vote_k").asInt()).isEqualTo(g.get("vote_k").asInt());
                assertThat(c.softVoteTemperature())
                        .isCloseTo(v.get("soft_vote_temperature").asDouble(), within(1e-12));
                assertThat(c.aurocSoftVote())
                        .isCloseTo(v.get("auroc_soft_vote").asDouble(), within(TOL));
                assertThat(c.eceSoftVote())
                        .isCloseTo(v.get("ece_soft_vote").asDouble(), within(TOL));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sets")
    void nmiMatchesScikitLearnAndPdmlKMeansReproducesTheCommittedClusters(Path set)
            throws IOException {
        JsonNode g = new ObjectMapper().readTree(set.resolve("golden.json").toFile());
        EmbeddingFile file = EmbeddingFile.read(set);
        long[] committed = NpyArray.read(set.resolve(MetricsStage.CLUSTERS)).toLongs();
        int[] clusters = Arrays.stream(committed).mapToInt(Math::toIntExact).toArray();
        assertThat(Nmi.compute(file.labels(), clusters))
                .isCloseTo(g.get("nmi").asDouble(), within(TOL));
        assertThat(ClusteringF1.compute(file.labels(), clusters))
                .isCloseTo(g.get("clustering_f1").asDouble(), within(TOL));
        int k = (int) Arrays.stream(file.labels()).distinct().count();
        try (NDManager manager = NDManager.newBaseManager()) {
            KMeans.Result r =
                    new KMeans(k, 20, 3, 0).fit(manager, MetricsStage.normalised(file), file.dim());
            assertThat(Nmi.compute(file.labels(), r.assignments()))
                    .isCloseTo(g.get("nmi").asDouble(), within(TOL));
        }
    }
}
