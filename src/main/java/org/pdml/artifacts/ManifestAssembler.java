package org.pdml.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pdml.artifacts.proto.ClassInfo;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;

/**
 * Builds the data part of an {@link ExamplesManifest} from the shards on disk, after they are
 * written: splits with their shards (size, SHA-256, record count), and the class list with counts
 * and names as the records hold them. Every record is read and CRC-checked on the way.
 */
public final class ManifestAssembler {
    private static final List<String> SPLIT_ORDER = List.of("train", "val", "test");

    private ManifestAssembler() {}

    /**
     * Assembles a manifest.
     *
     * @param artifact the examples folder holding {@code <split>/part-*} shards
     * @param template provenance fields (dataset, params, sources, index fingerprint, tool version,
     *     rejects...); its splits and classes are replaced; schema version is set to {@link
     *     ExamplesArtifact#SCHEMA_VERSION}; {@code created_at} stays as given (pdml leaves it
     *     empty, so that the manifest's hash is a function of its content alone)
     * @return the manifest, ready for {@link ExamplesArtifact#commit(ExamplesManifest)}
     * @throws IllegalStateException naming the shard and offset if any shard is damaged
     * @throws IOException if a shard cannot be read
     */
    public static ExamplesManifest assemble(ExamplesArtifact artifact, ExamplesManifest template)
            throws IOException {
        ExamplesManifest.Builder m =
                template.toBuilder()
                        .clearSplits()
                        .clearClasses()
                        .setSchemaVersion(ExamplesArtifact.SCHEMA_VERSION);
        for (String split : splitsOnDisk(artifact.dir())) {
            addSplit(m, split, artifact.scanSplit(split));
        }
        return m.build();
    }

    private static void addSplit(ExamplesManifest.Builder m, String split, List<ShardScan> scans) {
        SplitInfo.Builder s = SplitInfo.newBuilder().setName(split);
        TreeMap<Integer, Long> counts = new TreeMap<>();
        TreeMap<Integer, String> names = new TreeMap<>();
        for (ShardScan scan : scans) {
            s.addShards(scan.toShardInfo());
            s.setRecordCount(s.getRecordCount() + scan.recordCount());
            scan.labelCounts().forEach((l, n) -> counts.merge(l, n, Long::sum));
            scan.classTexts().forEach(names::putIfAbsent);
        }
        s.setClassCount(counts.size());
        m.addSplits(s);
        for (SortedMap.Entry<Integer, Long> e : counts.entrySet()) {
            m.addClasses(
                    ClassInfo.newBuilder()
                            .setLabel(e.getKey())
                            .setName(names.get(e.getKey()))
                            .setSplit(split)
                            .setCount(e.getValue()));
        }
    }

    /**
     * Lists split folders that hold shards: train, val, test first, then others by name.
     *
     * @param dir examples folder
     * @return split names
     * @throws IOException if the folder cannot be listed
     */
    static List<String> splitsOnDisk(Path dir) throws IOException {
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (!ExamplesArtifact.at(dir).shardsOnDisk(n).isEmpty()) {
                out.add(n);
            }
        }
        out.sort(Comparator.comparingInt(ManifestAssembler::rank).thenComparing(n -> n));
        return out;
    }

    private static int rank(String split) {
        int i = SPLIT_ORDER.indexOf(split);
        return i < 0 ? SPLIT_ORDER.size() : i;
    }
}
