package org.pdml.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;

/**
 * Reads the written shards back (checking every CRC) to count records per shard and per class and
 * hash each file, for the summary and the manifest.
 */
final class ShardScanner {
    private final List<ShardStat> shards = new ArrayList<>();
    private final Map<Integer, Long> classCounts = new TreeMap<>();

    /**
     * Scans every shard of the given splits.
     *
     * @param output examples folder
     * @param splits split wire names
     * @return the scanner holding the results
     * @throws IOException if a shard cannot be read or a CRC does not match
     */
    static ShardScanner scan(String output, Iterable<String> splits) throws IOException {
        ShardScanner s = new ShardScanner();
        String base = output.endsWith("/") ? output : output + "/";
        for (String split : splits) {
            List<MatchResult.Metadata> files =
                    new ArrayList<>(
                            FileSystems.match(
                                            base + split + "/part-*" + ShardNames.SUFFIX,
                                            EmptyMatchTreatment.DISALLOW)
                                    .metadata());
            files.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
            for (MatchResult.Metadata m : files) {
                s.scanShard(split + "/" + m.resourceId().getFilename(), m);
            }
        }
        return s;
    }

    private void scanShard(String relativePath, MatchResult.Metadata meta) throws IOException {
        MessageDigest sha = sha256();
        long count = 0;
        try (InputStream raw = Channels.newInputStream(FileSystems.open(meta.resourceId()));
                DigestInputStream in = new DigestInputStream(raw, sha);
                TfRecordReader reader = new TfRecordReader(in, relativePath)) {
            for (byte[] rec = reader.next(); rec != null; rec = reader.next()) {
                ImageRecord r = ImageRecordCodec.decode(rec);
                classCounts.merge(r.label(), 1L, Long::sum);
                count++;
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        shards.add(
                new ShardStat(
                        relativePath,
                        count,
                        HexFormat.of().formatHex(sha.digest()),
                        meta.sizeBytes()));
    }

    /**
     * Returns the shards in path order.
     *
     * @return one entry per shard file
     */
    List<ShardStat> shards() {
        return List.copyOf(shards);
    }

    /**
     * Returns the record count per label.
     *
     * @return label to count, labels ascending
     */
    Map<Integer, Long> classCounts() {
        return Map.copyOf(classCounts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
