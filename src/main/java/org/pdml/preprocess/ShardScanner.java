package org.pdml.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.values.KV;
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
        String base = output.endsWith("/") ? output : output + "/";
        List<KV<String, MatchResult.Metadata>> files = new ArrayList<>();
        for (String split : splits) {
            List<MatchResult.Metadata> matched =
                    new ArrayList<>(
                            FileSystems.match(
                                            base + split + "/part-*" + ShardNames.SUFFIX,
                                            EmptyMatchTreatment.DISALLOW)
                                    .metadata());
            matched.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
            matched.forEach(m -> files.add(KV.of(split + "/" + m.resourceId().getFilename(), m)));
        }
        ShardScanner s = new ShardScanner();
        for (ShardScan scan : scanAll(files)) {
            s.shards.add(scan.stat());
            scan.classCounts().forEach((label, n) -> s.classCounts.merge(label, n, Long::sum));
        }
        return s;
    }

    /** One shard's stat and class counts. */
    private record ShardScan(ShardStat stat, Map<Integer, Long> classCounts) {}

    /** Scans the shards on every core (the read-back is otherwise a serial tail of each run). */
    private static List<ShardScan> scanAll(List<KV<String, MatchResult.Metadata>> files)
            throws IOException {
        int threads =
                Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ShardScan>> futures = new ArrayList<>();
            for (KV<String, MatchResult.Metadata> f : files) {
                futures.add(pool.submit(() -> scanShard(f.getKey(), f.getValue())));
            }
            List<ShardScan> scans = new ArrayList<>();
            for (Future<ShardScan> f : futures) {
                scans.add(result(f));
            }
            return scans;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ShardScan result(Future<ShardScan> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading shards back");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    private static ShardScan scanShard(String relativePath, MatchResult.Metadata meta)
            throws IOException {
        MessageDigest sha = sha256();
        Map<Integer, Long> counts = new TreeMap<>();
        long count = 0;
        try (InputStream raw = Channels.newInputStream(FileSystems.open(meta.resourceId()));
                DigestInputStream in = new DigestInputStream(raw, sha);
                TfRecordReader reader = new TfRecordReader(in, relativePath)) {
            for (byte[] rec = reader.next(); rec != null; rec = reader.next()) {
                ImageRecord r = ImageRecordCodec.decode(rec);
                counts.merge(r.label(), 1L, Long::sum);
                count++;
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        ShardStat stat =
                new ShardStat(
                        relativePath,
                        count,
                        HexFormat.of().formatHex(sha.digest()),
                        meta.sizeBytes());
        return new ShardScan(stat, counts);
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
