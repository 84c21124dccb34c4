package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.EvalReport;
import org.pdml.config.DataConfig;
import org.pdml.config.PdmlConfig;
import org.pdml.config.ResolvedConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.eval.EvaluateStage;
import org.pdml.train.TrainListener;
import org.pdml.train.TrainStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdml run}: preprocess → train → evaluate from one config, in a new run folder {@code
 * <runs_root>/<experiment>/<YYYY-MM-DD_HH-MM-SS>_<name>/} holding the resolved config. A complete
 * examples folder at {@code data.output} (manifest present) is reused.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run preprocess, train and evaluate from one config.")
public final class RunCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss", Locale.ROOT);

    @Spec private CommandSpec spec;

    @Mixin private ConfigArgs configArgs;

    @Option(names = "--dry-run", description = "Print the resolved config and stop.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Optional<ResolvedConfig> loaded = configArgs.load(spec);
        if (loaded.isEmpty()) {
            return ConfigCommand.INVALID_CONFIG;
        }
        ResolvedConfig resolved = loaded.get();
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            out.print(resolved.toYaml());
            out.flush();
            return 0;
        }
        return pipeline(resolved, out);
    }

    private int pipeline(ResolvedConfig resolved, PrintWriter out) throws Exception {
        PdmlConfig c = resolved.config();
        Path run = runFolder(c);
        resolved.writeYaml(run.resolve("config.yaml"));
        out.println("run folder: " + run);
        if (c.tracking().mode() == TrackingConfig.Mode.ON) {
            out.println(
                    "note: MLflow tracking is not yet wired into `pdml run`; nothing is logged.");
        }
        out.flush();
        Path examples = Path.of(c.data().output());
        if (ExamplesArtifact.at(examples).isComplete()) {
            out.println("preprocess: reusing complete examples at " + examples);
        } else {
            int status = preprocess(c).call();
            if (status != 0) {
                return status;
            }
        }
        out.flush();
        TrainStage.TrainResult trained =
                TrainStage.run(resolved, examples, run, false, TrainListener.NONE, System.err);
        Path evalDir = run.resolve("eval");
        EvalReport report =
                EvaluateStage.run(
                        trained.modelDir(),
                        examples,
                        c.eval().split().name().toLowerCase(Locale.ROOT),
                        c.eval(),
                        c.seed(),
                        evalDir);
        ReportSummary.print(report, evalDir, out);
        out.println("model: " + trained.modelDir());
        out.flush();
        return 0;
    }

    private static Path runFolder(PdmlConfig c) throws java.io.IOException {
        String stamp = LocalDateTime.now().format(STAMP);
        Path run = Path.of(c.runsRoot(), c.experiment(), stamp + "_" + c.name());
        Files.createDirectories(run);
        return run;
    }

    /** Maps the config's data section onto the preprocess command's options. */
    static PreprocessCommand preprocess(PdmlConfig c) {
        DataConfig d = c.data();
        PreprocessCommand p = new PreprocessCommand();
        p.dataset = d.dataset().name().toLowerCase(Locale.ROOT).replace('_', '-');
        p.source = Path.of(d.source());
        p.output = d.output();
        p.imageSize = d.imageSize();
        p.encoding = d.encoding().name().toLowerCase(Locale.ROOT);
        p.jpegQuality = d.jpegQuality();
        p.numShards = d.numShards();
        p.valFraction = d.valFraction();
        p.seed = c.seed();
        p.runner = d.runner().name().toLowerCase(Locale.ROOT);
        p.maxRejectFraction = d.maxRejectFraction();
        p.maxPixels = d.maxPixels();
        if (d.dataset() == DataConfig.DatasetKind.EMOJI_VENDORS) {
            p.vendors = d.emoji().vendors();
            p.classesPerHalf = d.maxClassesPerSplit();
        }
        p.privateSources = d.privateSources();
        return p;
    }
}
