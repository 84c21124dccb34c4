package org.pdml.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pdml.artifacts.DamagedArtifactException;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.VerifiedExamples;
import org.pdml.config.InputPaths;
import org.pdml.config.PdmlConfig;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessRequest;
import org.pdml.preprocess.Preprocessor;
import org.pdml.preprocess.SourceStamp;
import org.pdml.preprocess.index.IndexFingerprint;
import org.pdml.provenance.Seeds;
import org.pdml.tracking.RunTracker;
import org.pdml.util.Sha256;

/**
 * The preprocess stage of {@code pdml run}: the {@link PreprocessRequest} of the config's data
 * section, run by {@link Preprocessor} into {@code data.output}. The output's identity is the
 * SHA-256 of its {@code manifest.json}, which preprocessing writes last; pdml files already in the
 * folder are replaced.
 *
 * <p>A remote {@code data.output} ({@code gs://…}) gets the shards there, and a verified local copy
 * in the stage folder ({@code examples/}, {@link Preprocessor#mirror}) becomes the stage's output,
 * because training reads local shards.
 *
 * <p>{@code pipeline} reaches preprocessing only through {@link Preprocessor} and {@link
 * PreprocessRequest}, never Beam itself (docs/architecture.md §4).
 */
public final class PreprocessNode implements PipelineStage {
    /** The local copy of a remote output, inside the stage folder. */
    public static final String MIRROR = "examples";

    private final PdmlConfig config;
    private final Seeds seeds;

    /**
     * @param config the run's config
     * @param seeds the run's seeds; the validation carve draws from {@code data.split}
     */
    public PreprocessNode(PdmlConfig config, Seeds seeds) {
        this.config = config;
        this.seeds = seeds;
    }

    @Override
    public StageName name() {
        return StageName.PREPROCESS;
    }

    @Override
    public StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) throws IOException {
        // The same index reading as the stage's own run, gs:// sources included.
        PreparedDataset index = Preprocessor.prepare(request(), System.out::println);
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
        String remote = config.data().output();
        boolean mirrored = InputPaths.isRemote(remote);
        PreprocessRequest request =
                request().withOutput(mirrored ? remote : run.output().toString(), true);
        Preprocessor.run(request, run.console()::println);
        if (mirrored) {
            Preprocessor.mirror(request, run.output(), run.console()::println);
        }
    }

    @Override
    public void track(StageOutput output, RunTracker tracker) {
        tracker.logArtifact(output.output().resolve(ExamplesArtifact.MANIFEST), "");
    }

    /** The request of the config's data section; the carve draws from the run's seeds. */
    private PreprocessRequest request() {
        return PreprocessRequest.of(config.data(), seeds.root());
    }
}
