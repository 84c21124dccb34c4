package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.pdml.preprocess.DatasetSource;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.index.Cars196Reader;
import org.pdml.preprocess.index.CsvIndexReader;
import org.pdml.preprocess.index.InShopReader;
import org.pdml.util.FileTrees;

/**
 * Prepares a user dataset whose root is remote ({@code gs://bucket/prefix}, or any scheme Beam
 * {@link FileSystems} knows). The index readers parse local files, so the dataset's metadata files
 * are copied through Beam FileSystems into a local staging folder and read there (an image folder
 * is staged as its listing: empty placeholders with the remote names). The prepared dataset's root
 * is the remote one: the pipeline reads every image's bytes from the remote store.
 */
public final class RemoteDatasets {
    /** Metadata files, relative to the root, that each user dataset's reader parses. */
    private static final Map<String, List<String>> INDEX_FILES =
            Map.of(
                    "cub200", List.of("classes.txt", "image_class_labels.txt", "images.txt"),
                    "cars196", List.of(Cars196Reader.ANNOTATIONS),
                    "sop", List.of("Ebay_train.txt", "Ebay_test.txt"),
                    "inshop", List.of(InShopReader.PARTITION),
                    "csv", List.of(CsvIndexReader.DEFAULT_FILE));

    private RemoteDatasets() {}

    /**
     * Returns whether a path names a remote location rather than a local file.
     *
     * @param path a local path or a URI such as {@code gs://bucket/prefix}
     * @return true for a URI with a scheme other than {@code file}
     */
    public static boolean isRemote(String path) {
        return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") && !path.startsWith("file://");
    }

    /**
     * Stages the index of a remote dataset and prepares it like a local one.
     *
     * @param options pipeline options; they configure Beam's filesystems (e.g. GCS credentials and
     *     {@code --gcsEndpoint})
     * @param root the remote dataset root, e.g. {@code gs://bucket/CUB_200_2011}
     * @param request the request; its {@code source} is ignored (a temporary staging folder,
     *     deleted afterwards, takes its place)
     * @param progress receives progress lines
     * @return the prepared dataset whose root is {@code root}
     * @throws IllegalArgumentException naming the dataset if it is built from packages (only user
     *     datasets can be remote)
     * @throws java.io.FileNotFoundException naming the remote file if a metadata file is missing
     * @throws IOException if a remote file cannot be listed or read
     */
    public static PreparedDataset prepare(
            PipelineOptions options,
            String root,
            DatasetCatalog.Request request,
            Consumer<String> progress)
            throws IOException {
        FileSystems.setDefaultPipelineOptions(options);
        Path staging = Files.createTempDirectory("pdml-index-");
        try {
            return prepare(root, request, staging, progress);
        } finally {
            FileTrees.deleteTree(staging);
        }
    }

    private static PreparedDataset prepare(
            String root, DatasetCatalog.Request request, Path staging, Consumer<String> progress)
            throws IOException {
        String name = request.dataset().toLowerCase(Locale.ROOT);
        String base = root.endsWith("/") ? root : root + "/";
        if (name.equals("folder")) {
            stageListing(base, staging);
        } else if (INDEX_FILES.containsKey(name)) {
            for (String file : INDEX_FILES.get(name)) {
                copy(base, file, staging);
            }
        } else {
            throw new IllegalArgumentException(
                    "dataset '"
                            + name
                            + "' is built from packages in a local cache; --source "
                            + root
                            + " must be a local folder");
        }
        progress.accept("staged the " + name + " index of " + root + " in " + staging);
        DatasetCatalog.Request local =
                new DatasetCatalog.Request(
                        request.dataset(),
                        staging,
                        request.strictCounts(),
                        request.emoji(),
                        request.kanji(),
                        request.valFraction(),
                        request.seeds(),
                        request.minInstancesPerClass());
        PreparedDataset d = DatasetCatalog.prepare(local, progress);
        return new PreparedDataset(
                d.name(),
                base,
                d.entries(),
                d.classes(),
                List.of(new DatasetSource(d.name(), "", "", "", "user-supplied: " + root)),
                d.indexRejects());
    }

    private static void copy(String base, String relative, Path staging) throws IOException {
        ResourceId remote =
                FileSystems.matchNewResource(base, true)
                        .resolve(relative, StandardResolveOptions.RESOLVE_FILE);
        MatchResult.Metadata meta = FileSystems.matchSingleFileSpec(remote.toString());
        Path local = staging.resolve(relative);
        Files.createDirectories(local.getParent());
        try (InputStream in = Channels.newInputStream(FileSystems.open(meta.resourceId()))) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Mirrors {@code <root>/<class>/<file>} as empty local files: the folder reader lists names.
     */
    private static void stageListing(String base, Path staging) throws IOException {
        List<MatchResult.Metadata> files =
                new ArrayList<>(
                        FileSystems.match(base + "*/*", EmptyMatchTreatment.ALLOW).metadata());
        for (MatchResult.Metadata m : files) {
            String path = m.resourceId().toString();
            if (!path.startsWith(base)) {
                throw new IllegalStateException("listing " + base + " returned " + path);
            }
            Path local = staging.resolve(path.substring(base.length())).normalize();
            if (!local.startsWith(staging)) {
                throw new IllegalStateException("object name escapes " + base + ": " + path);
            }
            Files.createDirectories(local.getParent());
            Files.createFile(local);
        }
    }
}
