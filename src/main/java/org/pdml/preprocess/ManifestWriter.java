package org.pdml.preprocess;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.PreprocessParams;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SourceInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.preprocess.index.IndexEntry;

/** Builds the {@link ExamplesManifest} of a finished run and writes it last. */
final class ManifestWriter {
    /** Schema version of the manifests this stage writes. */
    static final int SCHEMA_VERSION = 1;

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
        ExamplesManifest manifest = build(o, dataset, summary, Instant.now().toString());
        ResourceId file =
                FileSystems.matchNewResource(o.getOutput(), true)
                        .resolve(OutputFolder.MANIFEST, StandardResolveOptions.RESOLVE_FILE);
        try (OutputStream out =
                Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
            out.write(toJson(manifest).getBytes(StandardCharsets.UTF_8));
        }
    }

    static ExamplesManifest build(
            PreprocessOptions o, PreparedDataset dataset, PreprocessSummary s, String createdAt) {
        ExamplesManifest.Builder m =
                ExamplesManifest.newBuilder()
                        .setSchemaVersion(SCHEMA_VERSION)
                        .setDataset(dataset.name())
                        .setIndexFingerprint(fingerprint(dataset.entries()))
                        .setParams(params(o))
                        .setToolVersion(toolVersion())
                        .setCreatedAt(createdAt)
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
        new TreeMap<>(s.classCounts())
                .forEach(
                        (label, count) ->
                                m.addClasses(
                                        ClassInfo.newBuilder()
                                                .setLabel(label)
                                                .setName(dataset.classes().getOrDefault(label, ""))
                                                .setSplit(splitOfLabel.getOrDefault(label, ""))
                                                .setCount(count)));
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

    /** SHA-256 over the index sorted by id: one line {@code id\tpath\tlabel\tsplit\trole} each. */
    static String fingerprint(List<IndexEntry> entries) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
        entries.stream()
                .sorted(Comparator.comparing(IndexEntry::id).thenComparing(IndexEntry::path))
                .forEach(
                        e ->
                                sha.update(
                                        String.join(
                                                        "\t",
                                                        e.id(),
                                                        e.path(),
                                                        Integer.toString(e.label()),
                                                        e.split().wireName(),
                                                        e.role().wireName())
                                                .concat("\n")
                                                .getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String toolVersion() {
        String v = ManifestWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String toJson(ExamplesManifest m) {
        try {
            return JsonFormat.printer().print(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("manifest has no Any fields", e);
        }
    }
}
