package org.pdml.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.config.InputPaths;
import org.pdml.config.ResolvedConfig;
import org.pdml.pipeline.TrackedFiles;
import org.pdml.pipeline.TrainNode;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.DatasetInput;
import org.pdml.tracking.RunTracker;
import org.pdml.train.NonFiniteLossException;
import org.pdml.train.ResumeRequest;
import org.pdml.train.TrackingTrainListener;
import org.pdml.train.TrainStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml train}: wires {@link TrainStage} to the command line, tracked as one MLflow run
 * (config params, provenance tags, per-step loss and learning rates, per-epoch validation, the
 * exported model and the chosen checkpoint as artifacts).
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the backbone and nivMF proxies on preprocessed shards.")
public final class TrainCommand implements Callable<Integer> {
    /** Exit status when training stops on a NaN or infinite loss. */
    public static final int NON_FINITE_LOSS = 3;

    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Mixin private TrackingArgs trackingArgs;

    @Mixin private DeviceArgs deviceArgs;

    @Option(
            names = "--examples",
            description = "Examples folder from `pdml preprocess` (default: data.output).")
    private Path examples;

    @Option(names = "--out", required = true, description = "Run folder for checkpoints/model.")
    private Path out;

    @Option(names = "--resume", description = "Continue from <out>/checkpoints/latest.")
    private boolean resume;

    @Option(
            names = "--restart",
            description =
                    "Train from epoch 1 although <out> holds a checkpoint (it is replaced). Without"
                            + " --resume or --restart, a folder with a checkpoint is refused.")
    private boolean restart;

    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec, deviceArgs.overrides());
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        ResolvedConfig resolved = loaded.get();
        if (DeviceArgs.choose(resolved.config(), spec, false).isEmpty()) {
            return Main.FAILED;
        }
        Optional<Path> found = examplesFolder(resolved);
        if (found.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        Path data = found.get();
        boolean resumes;
        try {
            resumes = ResumeRequest.of(resume, restart).resumes(out);
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ConfigCommand.INVALID_CONFIG;
        }
        try (RunTracking tracking =
                RunTracking.open(
                        trackingArgs.resolve(resolved.config()),
                        RunTracker.childName("train", RunNames.of(resolved)),
                        out.resolve("tracking-spool"))) {
            TrainStage.TrainResult result =
                    StageTracking.tracked(
                            tracking.root(), "train", run -> train(resolved, data, resumes, run));
            spec.commandLine().getOut().println("model: " + result.modelDir());
            return 0;
        } catch (NonFiniteLossException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return NON_FINITE_LOSS;
        }
    }

    /** {@code --examples}, else a local {@code data.output}; empty (and said) for a remote one. */
    private Optional<Path> examplesFolder(ResolvedConfig resolved) {
        String configured = resolved.config().data().output();
        if (examples != null) {
            return Optional.of(examples);
        }
        if (InputPaths.isRemote(configured)) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "error: data.output is "
                                    + configured
                                    + ", and training reads a local examples folder: pass"
                                    + " --examples <local copy>, or use `pdml run`, which copies"
                                    + " a remote output into its stage folder");
            return Optional.empty();
        }
        return Optional.of(Path.of(configured));
    }

    private TrainStage.TrainResult train(
            ResolvedConfig resolved, Path data, boolean resumes, RunTracker run) throws Exception {
        Seeds seeds = new Seeds(resolved.config().seed());
        StageTracking.logConfigured(run, resolved, seeds, data, out);
        run.setTag(
                RunNames.OVERRIDES_TAG,
                RunNames.overrides(configArgs.overrides(deviceArgs.overrides())));
        StageTracking.logInput(run, data, DatasetInput.TRAINING, null);
        TrainStage.TrainResult r =
                TrainStage.run(
                        resolved,
                        seeds,
                        data,
                        out,
                        resumes,
                        new TrackingTrainListener(run),
                        System.err);
        run.logModel(r.modelDir(), TrainNode.MODEL);
        TrackedFiles.logFolder(run, r.checkpoint(), "checkpoint");
        return r;
    }
}
