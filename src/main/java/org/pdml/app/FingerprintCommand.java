package org.pdml.app;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.pipeline.CodeIdentity;
import org.pdml.pipeline.PipelineFingerprint;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessRequest;
import org.pdml.preprocess.Preprocessor;
import org.pdml.preprocess.SourceStamp;
import org.pdml.preprocess.index.IndexFingerprint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml fingerprint --config f.yaml [--index] [key=value …]}: reads the source index of the
 * config's dataset (as {@code pdml preprocess --config} would, validation carve included) and the
 * indexed files' sizes and modification times, and prints the {@link PipelineFingerprint}: 64 hex
 * digits that change when the data, any setting a stage reads, or the pdml build changes, and only
 * then. Scheduled retraining skips a run whose fingerprint equals the last retrained one. With
 * {@code --index} it prints the source index fingerprint alone (the manifest's {@code
 * index_fingerprint}). Nothing is decoded or written.
 */
@Command(
        name = "fingerprint",
        mixinStandardHelpOptions = true,
        description =
                "Print the pipeline fingerprint of a config (source index, image file sizes and"
                        + " times, stage settings, pdml build) without preprocessing; unchanged"
                        + " means pdml run would reuse every stage.")
public final class FingerprintCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Option(
            names = "--index",
            description =
                    "Print only the source index fingerprint (ids, paths, labels, splits), the"
                            + " manifest's index_fingerprint.")
    private boolean indexOnly;

    private final CodeIdentity code;

    /** The command for the running build. */
    public FingerprintCommand() {
        this(null);
    }

    /**
     * The command as another build would run it (tests).
     *
     * @param code the build's identity, or null for the running build's
     */
    FingerprintCommand(CodeIdentity code) {
        this.code = code;
    }

    /**
     * Prints the fingerprint on stdout (progress of the index reader goes to stderr).
     *
     * @return 0, or {@link ConfigCommand#INVALID_CONFIG} for a bad config
     * @throws java.io.IOException if the dataset index or its folder cannot be read
     */
    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec);
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        PdmlConfig config = loaded.get().config();
        PrintWriter err = spec.commandLine().getErr();
        // The same index reading as the preprocess stage, gs:// sources included.
        PreparedDataset prepared =
                Preprocessor.prepare(
                        PreprocessRequest.of(config.data(), config.seed()), err::println);
        err.flush();
        String index = IndexFingerprint.of(prepared.entries());
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                indexOnly
                        ? index
                        : PipelineFingerprint.of(
                                loaded.get().config(),
                                index,
                                SourceStamp.of(prepared),
                                code == null ? CodeIdentity.ofRunningBuild() : code));
        out.flush();
        return 0;
    }
}
