package org.pdml.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.config.ResolvedConfig;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.index.IndexFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pdml fingerprint --config f.yaml [key=value …]}: reads the source index of the config's
 * dataset (as {@code pdml preprocess --config} would, validation carve included) and prints its
 * fingerprint, the 64 hex digits that {@code pdml preprocess} records as the manifest's {@code
 * index_fingerprint}. Nothing is decoded or written, so scheduled retraining can cheaply skip a run
 * whose data has not changed. Wiring only: {@link DatasetCatalog} and {@link IndexFingerprint}.
 */
@Command(
        name = "fingerprint",
        mixinStandardHelpOptions = true,
        description =
                "Print the source index fingerprint of the config's dataset (the manifest's"
                        + " index_fingerprint) without preprocessing.")
public final class FingerprintCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    /**
     * Prints the fingerprint on stdout (progress of the index reader goes to stderr).
     *
     * @return 0, or {@link ConfigCommand#INVALID_CONFIG} for a bad config
     * @throws java.io.IOException if the dataset index cannot be read
     */
    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec);
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        DatasetCatalog.Request request = PreprocessNode.command(loaded.get().config()).request();
        PrintWriter err = spec.commandLine().getErr();
        PreparedDataset prepared = DatasetCatalog.prepare(request, err::println);
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(IndexFingerprint.of(prepared.entries()));
        out.flush();
        return 0;
    }
}
