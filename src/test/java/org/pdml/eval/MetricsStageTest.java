package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.eval.retrieval.Similarity;

/** The whole metrics stage on a synthetic embedding folder: report, JSON, plots, clusters. */
class MetricsStageTest {
    @TempDir Path dir;

    /** 60 rows, 6 classes of 10 in D = 8 around separated centres, norms varying per row. */
    static EmbeddingFile synthetic(Optional<byte[]> roles) {
        Random rng = new Random(1);
        int n = 60;
        int d = 8;
        float[] z = new float[n * d];
        long[] y = new long[n];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            y[i] = i % 6;
            ids.add("img-" + i);
            double scale = 1 + rng.nextDouble() * 9;
            for (int j = 0; j < d; j++) {
                double centre = j == y[i] ? 3 : 0;
                z[i * d + j] = (float) (scale * (centre + rng.nextGaussian()));
            }
        }
        return new EmbeddingFile(z, n, d, y, ids, roles);
    }

    @Test
    void writesAConsistentReportWithPlotsAndClusters() throws IOException {
        Path emb = dir.resolve("emb");
        synthetic(Optional.empty()).write(emb);
        Path out = dir.resolve("out");
        EvalReport r = MetricsStage.run(emb, MetricsOptions.defaults(List.of(1, 2, 4, 8)), out);
        assertThat(EvalReportWriter.read(out)).isEqualTo(r);
        EvalReport.Builder fromJson = EvalReport.newBuilder();
        JsonFormat.parser().merge(Files.readString(out.resolve("report.json")), fromJson);
        assertThat(fromJson.build()).isEqualTo(r);
        assertThat(r.getCounts().getQueries()).isEqualTo(60);
        assertThat(r.getCounts().getExcludedQueries()).isZero();
        assertThat(r.getRetrieval().getDepth()).isEqualTo(10); // vote k 10 > max R_q 9
        assertThat(r.getMetricsMap().get("recall@1")).isEqualTo(r.getRetrieval().getPrecisionAt1());
        assertThat(r.getMetricsMap().get("recall@8"))
                .isGreaterThanOrEqualTo(r.getMetricsMap().get("recall@1"));
        assertThat(r.getCalibration().getReliabilityCount()).isEqualTo(15);
        assertThat(r.getCalibration().getRecallAt1ByKappaDecileCount()).isEqualTo(10);
        assertThat(r.getDataSha256()).isEqualTo(DataHash.ofFolder(emb)).hasSize(64);
        assertThat(NpyArray.read(out.resolve("clusters.npy")).toLongs()).hasSize(60);
        assertThat(r.getPlotsMap()).hasSize(5).containsEntry("risk_coverage", "risk_coverage.png");
        for (String png : r.getPlotsMap().values()) {
            assertThat(ImageIO.read(out.resolve(png).toFile())).as(png).isNotNull();
        }
    }

    @Test
    void reportsRiskCoverageWhoseFullCoverageIsTheOrdinaryMetrics() throws IOException {
        Path emb = dir.resolve("emb");
        synthetic(Optional.empty()).write(emb);
        EvalReport r =
                MetricsStage.run(emb, MetricsOptions.defaults(List.of(1)), dir.resolve("out"));
        var m = r.getMetricsMap();
        assertThat(m.get("risk_coverage.recall@1.c100")).isEqualTo(m.get("recall@1"));
        assertThat(m.get("risk_coverage.map@r.c100")).isEqualTo(m.get("map@r"));
        assertThat(m.get("aurc")).isEqualTo(r.getRiskCoverage().getAurc()).isBetween(0.0, 1.0);
        assertThat(r.getRiskCoverage().getPointsList())
                .extracting(p -> p.getPercent() + ":" + p.getAnswered())
                .containsExactly("100:60", "90:54", "80:48", "50:30");
        for (int c : new int[] {90, 80, 50}) {
            assertThat(m).containsKeys("risk_coverage.recall@1.c" + c, "risk_coverage.map@r.c" + c);
        }
    }

    @Test
    void queryGalleryModeUsesRoles() throws IOException {
        byte[] roles = new byte[60];
        for (int i = 0; i < 60; i++) {
            roles[i] = i < 12 ? EmbeddingFile.ROLE_QUERY : EmbeddingFile.ROLE_GALLERY;
        }
        Path emb = dir.resolve("emb");
        synthetic(Optional.of(roles)).write(emb);
        MetricsOptions o =
                new MetricsOptions(
                        List.of(1, 5), true, Similarity.COSINE, 3, 15, 0, 1, 20, 4, "m", "test");
        EvalReport r = MetricsStage.run(emb, o, dir.resolve("out"));
        assertThat(r.getCounts().getQueries()).isEqualTo(12);
        assertThat(r.getCounts().getGallery()).isEqualTo(48);
        assertThat(r.getRetrieval().getMaxRelevant()).isEqualTo(8);
        assertThat(r.getModelSha256()).isEqualTo("m");
        assertThat(r.getMetricsMap().get("map@r")).isBetween(0.0, 1.0);
        assertThat(r.getMetricsMap().get("excluded_queries")).isEqualTo(0.0, within(0.0));
    }

    /** 60 rows: each query has 59 gallery items, so a vote of 60 or a Recall@64 cannot be met. */
    @Test
    void neighboursBeyondTheGalleryNameTheSettingThatAsksForThem() throws IOException {
        Path emb = dir.resolve("emb");
        synthetic(Optional.empty()).write(emb);
        MetricsOptions vote =
                new MetricsOptions(
                        List.of(1), false, Similarity.COSINE, 60, 15, 0, 1, 5, 0, "", "");
        assertThatThrownBy(() -> MetricsStage.run(emb, vote, dir.resolve("out")))
                .hasMessage(
                        "eval.knn_vote_k / --vote-k (60) asks for more neighbours than the 59"
                                + " gallery items each query has; lower it");
        MetricsOptions both =
                new MetricsOptions(
                        List.of(1, 64), false, Similarity.COSINE, 60, 15, 0, 1, 5, 0, "", "");
        assertThatThrownBy(() -> MetricsStage.run(emb, both, dir.resolve("out")))
                .hasMessageStartingWith("eval.k_list / --k (largest k = 64) and eval.knn_vote_k");
    }

    @Test
    void queryGalleryWithoutRolesFailsClearly() throws IOException {
        Path emb = dir.resolve("emb");
        synthetic(Optional.empty()).write(emb);
        MetricsOptions o =
                new MetricsOptions(List.of(1), true, Similarity.COSINE, 1, 15, 0, 1, 5, 0, "", "");
        assertThatThrownBy(() -> MetricsStage.run(emb, o, dir.resolve("out")))
                .hasMessageContaining("roles.npy");
    }
}
