package org.pdml.artifacts;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.pdml.records.CorruptRecordException;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.MalformedExampleException;
import org.pdml.records.ShardName;
import org.pdml.records.ShardNames;
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
        ShardName name = ShardNames.parse(relativePath);
        Path file = examplesDir.resolve(relativePath);
        MessageDigest digest = Sha256.newDigest();
        Counts counts = new Counts();
        Optional<Problem> problem;
        try (DigestInputStream raw =
                new DigestInputStream(
                        new BufferedInputStream(Files.newInputStream(file), 1 << 16), digest)) {
            problem = readRecords(raw, name, relativePath, counts);
            raw.transferTo(OutputStream.nullOutputStream());
        }
        return new ShardScan(
                relativePath,
                Sha256.hex(digest.digest()),
                Files.size(file),
                counts.records,
                counts.labels,
                counts.texts,
                counts.roles,
                problem);
    }

    private static Optional<Problem> readRecords(
            InputStream raw, ShardName name, String relativePath, Counts counts)
            throws IOException {
        TfRecordReader reader = null;
        try {
            InputStream in = name.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
            reader = new TfRecordReader(in, relativePath);
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                ImageRecord r = ImageRecordCodec.decode(b);
                if (!r.split().isEmpty() && !r.split().equals(name.split())) {
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
