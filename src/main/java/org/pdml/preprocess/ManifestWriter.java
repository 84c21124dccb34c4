package org.pdml.preprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.ManifestJson;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.PreprocessParams;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SourceInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.preprocess.index.IndexFingerprint;

/** Builds the {@link ExamplesManifest} of a finished run and writes it last. */
final class ManifestWriter {
    /** Schema version of the manifests this stage writes. */
    static final int SCHEMA_VERSION = ExamplesArtifact.SCHEMA_VERSION;

    private ManifestWriter() {}

    /**
     * Writes {@code <out>/manifest.json}.
     *
     * @param o the run's options
     * @param dataset the prepared dataset
     * @param summary what was written
     * @throws IOException if the file cannot be written
     */
    static void write(PreprocessOptions o, PreparedDataset dataset, PreprocessSummary summary)
            throws IOException {
        ExamplesManifest manifest = build(o, dataset, summary);
        String out = o.getOutput();
        if (isLocal(out)) {
            // Local folders get the artifact's atomic commit (temp file + rename). The shard
            // stats come from the writers' reports (WrittenShards): no pass over the shards.
            ExamplesArtifact.at(Path.of(out)).commit(manifest);
            return;
        }
        // Remote (gs://): an object appears whole when its upload closes, so a plain create is
        // already all-or-nothing.
        ResourceId file =
                FileSystems.matchNewResource(out, true)
                        .resolve(OutputFolder.MANIFEST, StandardResolveOptions.RESOLVE_FILE);
        try (OutputStream stream =
                Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
            stream.write(ManifestJson.print(manifest).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean isLocal(String path) {
        return !path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") || path.startsWith("file://");
    }

    static ExamplesManifest build(
            PreprocessOptions o, PreparedDataset dataset, PreprocessSummary s) {
        ExamplesManifest.Builder m =
                ExamplesManifest.newBuilder()
                        .setSchemaVersion(SCHEMA_VERSION)
                        .setDataset(dataset.name())
                        .setIndexFingerprint(IndexFingerprint.of(dataset.entries()))
                        .setParams(params(o))
                        .setToolVersion(toolVersion())
                        .setRejectedCount(s.rejected())
                        .setRejectsPath(WriteRejects.FILE_NAME);
        Map<Integer, String> splitOfLabel = new TreeMap<>();
        dataset.entries().forEach(e -> splitOfLabel.putIfAbsent(e.label(), e.split().wireName()));
        for (var split : dataset.splits()) {
            SplitInfo.Builder si = SplitInfo.newBuilder().setName(split.wireName());
            long records = 0;
            for (ShardStat shard : s.shards()) {
                if (shard.relativePath().startsWith(split.wireName() + "/")) {
                    si.addShards(
                            ShardInfo.newBuilder()
                                    .setPath(shard.relativePath())
                                    .setRecordCount(shard.records())
                                    .setSha256(shard.sha256())
                                    .setSizeBytes(shard.sizeBytes()));
                    records += shard.records();
                }
            }
            long classes =
                    s.classCounts().keySet().stream()
                            .filter(l -> split.wireName().equals(splitOfLabel.get(l)))
                            .count();
            m.addSplits(si.setRecordCount(records).setClassCount(classes));
        }
        // Classes grouped by split in split order, then by label.
        for (var split : dataset.splits()) {
            new TreeMap<>(s.classCounts())
                    .forEach(
                            (label, count) -> {
                                if (split.wireName().equals(splitOfLabel.get(label))) {
                                    m.addClasses(
                                            ClassInfo.newBuilder()
                                                    .setLabel(label)
                                                    .setName(
                                                            dataset.classes()
                                                                    .getOrDefault(label, ""))
                                                    .setSplit(split.wireName())
                                                    .setCount(count));
                                }
                            });
        }
        dataset.sources()
                .forEach(
                        src ->
                                m.addSources(
                                        SourceInfo.newBuilder()
                                                .setName(src.name())
                                                .setVersion(src.version())
                                                .setSha256(src.sha256())
                                                .setLicence(src.licence())
                                                .setOrigin(src.origin())));
        return m.build();
    }

    private static PreprocessParams params(PreprocessOptions o) {
        boolean png = "png".equalsIgnoreCase(o.getEncoding());
        return PreprocessParams.newBuilder()
                .setImageSize(o.getImageSize())
                .setEncoding(o.getEncoding().toLowerCase(java.util.Locale.ROOT))
                .setJpegQuality(png ? 0 : o.getJpegQuality())
                .setNumShardsPerSplit(o.getNumShards())
                .setValFraction(o.getValFraction())
                .setSeed(o.getSeed())
                .setMaxPixels(o.getMaxPixels())
                .setBackground(o.getBackground().toUpperCase(java.util.Locale.ROOT))
                .build();
    }

    private static String toolVersion() {
        String v = ManifestWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
