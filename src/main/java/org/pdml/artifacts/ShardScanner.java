package org.pdml.artifacts;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipException;
import org.pdml.records.CorruptRecordException;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.MalformedExampleException;
import org.pdml.records.TfRecordReader;

/**
 * Reads a shard once, computing its SHA-256 and size while verifying both CRCs of every record,
 * decoding every record as an {@link ImageRecord}, and counting records per label and role.
 */
public final class ShardScanner {

    private ShardScanner() {}

    /**
     * Scans one shard.
     *
     * @param examplesDir the examples folder
     * @param relativePath the shard path relative to it, {@code <split>/part-...}
     * @return the scan; damage (CRC, truncation, undecodable record, record of another split) is
     *     reported in {@link ShardScan#problem()} with the record's offset, never thrown
     * @throws IOException if the file cannot be read at all
     */
    public static ShardScan scan(Path examplesDir, String relativePath) throws IOException {
        Counts counts = new Counts();
        try (HashedShard shard = HashedShard.open(examplesDir, relativePath)) {
            Optional<Problem> problem = readRecords(shard, relativePath, counts);
            return new ShardScan(
                    relativePath,
                    shard.finish(),
                    shard.size(),
                    counts.records,
                    counts.labels,
                    counts.texts,
                    counts.roles,
                    problem);
        }
    }

    private static Optional<Problem> readRecords(
            HashedShard shard, String relativePath, Counts counts) throws IOException {
        TfRecordReader reader = null;
        try {
            reader = shard.reader();
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                ImageRecord r = ImageRecordCodec.decode(b);
                if (!r.split().isEmpty() && !r.split().equals(shard.name().split())) {
                    return Optional.of(
                            new Problem(
                                    relativePath,
                                    reader.recordOffset(),
                                    "record '" + r.id() + "' has split '" + r.split() + "'"));
                }
                counts.add(r);
            }
            return Optional.empty();
        } catch (CorruptRecordException e) {
            return Optional.of(new Problem(relativePath, e.offset(), e.getMessage()));
        } catch (MalformedExampleException e) {
            return Optional.of(new Problem(relativePath, reader.recordOffset(), e.getMessage()));
        } catch (ZipException | EOFException e) {
            long at = reader == null ? 0 : reader.position();
            return Optional.of(new Problem(relativePath, at, "bad GZIP stream: " + e.getMessage()));
        }
    }

    private static final class Counts {
        long records;
        final TreeMap<Integer, Long> labels = new TreeMap<>();
        final TreeMap<Integer, String> texts = new TreeMap<>();
        final Map<String, Long> roles = new HashMap<>();

        void add(ImageRecord r) {
            records++;
            labels.merge(r.label(), 1L, Long::sum);
            texts.putIfAbsent(r.label(), r.classText());
            roles.merge(r.role(), 1L, Long::sum);
        }
    }
}
