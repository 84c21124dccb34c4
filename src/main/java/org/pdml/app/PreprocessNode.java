package org.pdml.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdml.artifacts.DamagedArtifactException;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.config.DataConfig;
import org.pdml.config.InputPaths;
import org.pdml.config.PdmlConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.pipeline.PipelineStage;
import org.pdml.pipeline.StageFingerprint;
import org.pdml.pipeline.StageName;
import org.pdml.pipeline.StageOutput;
import org.pdml.pipeline.StageRun;
import org.pdml.preprocess.ExamplesMirror;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.SourceStamp;
import org.pdml.preprocess.index.IndexFingerprint;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.RunTracker;
import org.pdml.util.Sha256;
import org.pdml.util.WireNames;

/**
 * The preprocess stage of {@code pdml run}: {@code pdml preprocess} with the config's data section,
 * writing to {@code data.output}. The output's identity is the SHA-256 of its {@code
 * manifest.json}, which preprocessing writes last; pdml files already in the folder are replaced.
 *
 * <p>A remote {@code data.output} ({@code gs://…}) gets the shards there, and a verified local copy
 * in the stage folder ({@code examples/}, {@link ExamplesMirror}) becomes the stage's output,
 * because training reads local shards.
 */
final class PreprocessNode implements PipelineStage {
    /** The local copy of a remote output, inside the stage folder. */
    static final String MIRROR = "examples";

    private final PdmlConfig config;
    private final Seeds seeds;

    /**
     * @param config the run's config
     * @param seeds the run's seeds; the validation carve draws from {@code data.split}
     */
    PreprocessNode(PdmlConfig config, Seeds seeds) {
        this.config = config;
        this.seeds = seeds;
    }

    @Override
    public StageName name() {
        return StageName.PREPROCESS;
    }

    @Override
    public StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) throws IOException {
        PreprocessCommand command = command(config, seeds);
        // The same index reading as the stage's own run, gs:// sources included.
        PreparedDataset index = command.prepare(command.pipelineOptions());
        return StageFingerprint.preprocess(
                config, IndexFingerprint.of(index.entries()), SourceStamp.of(index));
    }

    @Override
    public Path output(Path stageDir) {
        String output = config.data().output();
        return InputPaths.isRemote(output)
                ? stageDir.resolve(MIRROR)
                : Path.of(output).toAbsolutePath().normalize();
    }

    @Override
    public Optional<String> externalIdentity(Path output) throws IOException {
        ExamplesArtifact examples = ExamplesArtifact.at(output);
        return examples.isComplete()
                ? Optional.of(Sha256.of(examples.manifestPath()))
                : Optional.empty();
    }

    /**
     * Makes {@link VerifiedExamples#open}'s cheap checks: the manifest parses, every listed shard
     * exists with its listed size, and no unlisted shard lies beside them. The SHA-256 and record
     * count of every shard are checked when training or evaluation reads it, in the same pass; a
     * same-size change to a shard therefore stops the next stage (naming the shard) instead of
     * re-running preprocessing, which saves reading every shard twice on each reuse.
     */
    @Override
    public Optional<String> damage(Path output) throws IOException {
        try {
            VerifiedExamples.open(output);
            return Optional.empty();
        } catch (DamagedArtifactException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public void run(StageRun run) throws Exception {
        PreprocessCommand p = command(config, seeds);
        String remote = config.data().output();
        boolean mirrored = InputPaths.isRemote(remote);
        p.output = mirrored ? remote : run.output().toString();
        p.overwrite = true;
        int status = p.call();
        if (status != 0) {
            throw new IllegalStateException("preprocess exited with status " + status);
        }
        if (mirrored) {
            ExamplesMirror.copy(remote, run.output(), p.pipelineOptions(), run.console()::println);
        }
    }

    @Override
    public void track(StageOutput output, RunTracker tracker) {
        tracker.logArtifact(output.output().resolve(ExamplesArtifact.MANIFEST), "");
    }

    /** {@link #command(PdmlConfig, Seeds)} with the seeds of the config's root seed. */
    static PreprocessCommand command(PdmlConfig c) {
        return command(c, new Seeds(c.seed()));
    }

    /**
     * Maps the config's data section onto the preprocess command's options; the command's {@code
     * --seed} is the seeds' root, from which it draws the {@code data.split} stream.
     */
    static PreprocessCommand command(PdmlConfig c, Seeds seeds) {
        DataConfig d = c.data();
        PreprocessCommand p = new PreprocessCommand();
        p.dataset = WireNames.value(d.dataset());
        p.source = d.source();
        p.output = d.output();
        p.imageSize = d.imageSize();
        p.encoding = WireNames.value(d.encoding());
        p.jpegQuality = d.jpegQuality();
        p.numShards = d.numShards();
        p.valFraction = d.valFraction();
        p.seed = seeds.root();
        p.runner = WireNames.value(d.runner());
        p.beamArgs = new ArrayList<>(d.beam());
        p.maxRejectFraction = d.maxRejectFraction();
        p.maxPixels = d.maxPixels();
        p.maxAspect = d.maxAspect();
        p.minInstancesPerClass = d.minInstancesPerClass();
        if (d.dataset() == DataConfig.DatasetKind.EMOJI_VENDORS) {
            p.vendors = d.emoji().vendors();
            p.background = d.emoji().background();
            p.classesPerHalf = d.maxClassesPerSplit();
        }
        if (d.dataset() == DataConfig.DatasetKind.KANJI_FONTS) {
            p.fonts = kanjiFonts(d);
            p.renderSize = d.kanji().renderSize();
            p.classesPerHalf = d.maxClassesPerSplit();
        }
        p.privateSources = d.privateSources();
        // The pipeline's preprocess child run does the tracking; no second run.
        p.trackingArgs.mode = TrackingConfig.Mode.OFF;
        return p;
    }

    /**
     * The Kanji-Fonts packages to render: {@code data.kanji.fonts} (or, when empty, every package
     * of {@code data.packages}), each pinned to its {@code data.packages} version when listed
     * there.
     */
    static List<String> kanjiFonts(DataConfig d) {
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String p : d.packages()) {
            int eq = p.indexOf('=');
            pinned.put(eq < 0 ? p : p.substring(0, eq), p);
        }
        List<String> names =
                d.kanji().fonts().isEmpty() ? List.copyOf(pinned.keySet()) : d.kanji().fonts();
        return names.stream().map(n -> pinned.getOrDefault(n, n)).toList();
    }
}
