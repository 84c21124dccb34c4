package org.pdml.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.eval.MetricsOptions;
import org.pdml.eval.MetricsStage;
import org.pdml.eval.retrieval.Similarity;
import org.pdml.provenance.Seeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pdml metrics}: every evaluation metric from an embedding folder, without the model. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = "Retrieval, clustering and calibration metrics from an embedding folder.")
public final class MetricsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--embeddings",
            required = true,
            description = "Folder with embeddings.npy, labels.npy, ids.txt [, roles.npy].")
    Path embeddings;

    @Option(names = "--k", defaultValue = "1,2,4,8", description = "Recall@k list.")
    String ks;

    @Option(
            names = "--query-gallery",
            description = "Rank role-1 queries against role-2 gallery rows (roles.npy; In-Shop).")
    boolean queryGallery;

    @Option(names = "--out", description = "Report folder (default: <embeddings>/eval).")
    Path out;

    @Option(
            names = "--similarity",
            defaultValue = "COSINE",
            description = "COSINE (normalised) or NEGATIVE_SQUARED_L2 (raw).")
    Similarity similarity;

    @Option(names = "--vote-k", defaultValue = "10", description = "Neighbours in the kNN vote.")
    int voteK;

    @Option(
            names = "--ece-bins",
            defaultValue = "15",
            description = "Equal-width confidence bins of the ECE (default ${DEFAULT-VALUE}).")
    int eceBins;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description =
                    "Root seed, as a config's seed: k-means draws from its eval.kmeans stream.")
    long seed;

    @Option(names = "--n-init", defaultValue = "3", description = "k-means restarts.")
    int nInit;

    @Option(names = "--kmeans-iters", defaultValue = "20", description = "Lloyd iterations.")
    int kmeansIterations;

    @Option(
            names = "--block-size",
            defaultValue = "0",
            description = "kNN queries per block (0: 256 MiB of scores).")
    int blockSize;

    @Option(names = "--model-sha256", defaultValue = "", description = "Hash of the model.")
    String modelSha256;

    @Option(names = "--split", defaultValue = "", description = "Split name for the report.")
    String split;

    private java.util.List<Integer> parsedKs() {
        try {
            return MetricsStage.parseKs(ks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        MetricsOptions options =
                new MetricsOptions(
                        parsedKs(),
                        queryGallery,
                        similarity,
                        voteK,
                        eceBins,
                        new Seeds(seed).seed(Seeds.Purpose.KMEANS),
                        nInit,
                        kmeansIterations,
                        blockSize,
                        modelSha256,
                        split);
        Path target = out != null ? out : embeddings.resolve("eval");
        EvalReport report = MetricsStage.run(embeddings, options, target);
        for (Map.Entry<String, Double> m : report.getMetricsMap().entrySet()) {
            System.out.printf("%-20s %.6f%n", m.getKey(), m.getValue());
        }
        System.out.println("report: " + target.resolve("report.json"));
        return 0;
    }
}
