package org.pdml.preprocess;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.preprocess.datasets.DatasetCatalog;
import org.pdml.preprocess.datasets.RemoteDatasets;
import org.pdml.util.WireNames;

/**
 * Runs a {@link PreprocessRequest}: reads the source's index, fills the Beam options from the
 * request (the one place where its typed values become the strings Beam carries to workers) and
 * runs {@link PreprocessStage}. {@code pdml preprocess}, {@code pdml fingerprint} and the
 * preprocess node of {@code pdml run} all come through here, so none of them touches a Beam type.
 */
public final class Preprocessor {
    private Preprocessor() {}

    /**
     * Runs the request: checks that a local output can be written (before the index: reading a
     * large one only to fail on the output wastes minutes), reads the index, runs the stage.
     *
     * @param request the request
     * @param progress receives progress and summary lines
     * @return what was written
     * @throws IOException if the index cannot be read or the output written
     * @throws IllegalArgumentException if the request's values are out of range
     */
    public static PreprocessSummary run(PreprocessRequest request, Consumer<String> progress)
            throws IOException {
        PreprocessStage.requireWritableOutput(request.output());
        PreprocessOptions options = pipelineOptions(request);
        PreparedDataset prepared = prepare(request, options, progress);
        fill(options, request, prepared);
        return PreprocessStage.run(options, prepared, progress);
    }

    /**
     * Reads the source's index as {@link #run} does: a remote root ({@code gs://…}) through {@link
     * RemoteDatasets}, with the request's file-system settings, a local one through the catalog.
     *
     * @param request the request
     * @param progress receives the reader's progress lines
     * @return the prepared dataset
     * @throws IOException if the index cannot be read
     */
    public static PreparedDataset prepare(PreprocessRequest request, Consumer<String> progress)
            throws IOException {
        return prepare(request, pipelineOptions(request), progress);
    }

    /**
     * Copies a remote output to a local folder, checked against its manifest ({@link
     * ExamplesMirror}).
     *
     * @param request the request whose (remote) output is copied
     * @param local the local folder
     * @param progress receives one line before and one after the copy
     * @return the manifest
     * @throws IOException if the copy fails or the remote folder is incomplete
     */
    public static ExamplesManifest mirror(
            PreprocessRequest request, Path local, Consumer<String> progress) throws IOException {
        return ExamplesMirror.copy(request.output(), local, pipelineOptions(request), progress);
    }

    /**
     * The Beam options of the request's runner and {@code beam} options (GCS settings, runner
     * tuning), before the data options are filled in.
     *
     * @param request the request
     * @return fresh options
     */
    public static PreprocessOptions pipelineOptions(PreprocessRequest request) {
        String[] args =
                RunnerChoice.of(request.runner())
                        .pipelineArgs(request.beam())
                        .toArray(String[]::new);
        return PipelineOptionsFactory.fromArgs(args).as(PreprocessOptions.class);
    }

    private static PreparedDataset prepare(
            PreprocessRequest request, PreprocessOptions options, Consumer<String> progress)
            throws IOException {
        String root = request.sourceRoot();
        DatasetCatalog.Request index = request.catalogRequest();
        return RemoteDatasets.isRemote(root)
                ? RemoteDatasets.prepare(options, root, index, progress)
                : DatasetCatalog.prepare(index, progress);
    }

    private static void fill(
            PreprocessOptions options, PreprocessRequest request, PreparedDataset prepared) {
        PreprocessRequest.Images images = request.images();
        options.setDataset(prepared.name());
        options.setSource(prepared.root());
        options.setOutput(request.output());
        options.setImageSize(images.size());
        options.setEncoding(WireNames.value(images.encoding()));
        options.setJpegQuality(images.jpegQuality());
        options.setNumShards(request.numShards());
        options.setValFraction(request.valFraction());
        options.setSeed(request.seed());
        options.setMaxRejectFraction(request.maxRejectFraction());
        options.setMaxPixels(images.maxPixels());
        options.setMaxAspect(images.maxAspect());
        options.setBackground(images.background());
        options.setOverwrite(request.overwrite());
    }
}
