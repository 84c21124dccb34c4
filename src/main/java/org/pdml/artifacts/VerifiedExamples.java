package org.pdml.artifacts;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipException;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.records.CorruptRecordException;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.MalformedExampleException;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;

/**
 * The one way training, evaluation and embedding read an examples folder: every record they use
 * comes from a shard that matched the manifest byte for byte.
 *
 * <ul>
 *   <li>{@link #open} reads the manifest (missing or malformed: refused) and makes the cheap checks
 *       over the whole folder, before any record is read: every listed shard exists with its listed
 *       size, and no shard on disk is missing from the manifest.
 *   <li>{@link #read} reads one split's shards once, in manifest order, feeding each file's bytes
 *       to SHA-256 as its records are decoded (no second pass). After each shard its record count
 *       and SHA-256 must equal the manifest's, and after the split its record total. The records
 *       are returned only when all of that holds, so no caller ever holds a record of a damaged
 *       shard.
 * </ul>
 *
 * <p>Any mismatch throws {@link DamagedArtifactException} naming the folder, the shard and the
 * problem, e.g. {@code shard train/part-00001-of-00002.tfrecord: 0 bytes, manifest says 5123}; a
 * damaged record throws it with the record's byte offset. Not thread-safe.
 */
public final class VerifiedExamples {
    private final ExamplesArtifact artifact;
    private final ExamplesManifest manifest;

    private VerifiedExamples(ExamplesArtifact artifact, ExamplesManifest manifest) {
        this.artifact = artifact;
        this.manifest = manifest;
    }

    /**
     * Opens a folder and checks its manifest, shard list and shard sizes.
     *
     * @param dir folder written by {@code pdml preprocess}
     * @return the verified handle
     * @throws DamagedArtifactException naming the file if the manifest is missing or malformed, a
     *     listed shard is missing or of another size, or a shard on disk is not listed
     * @throws IOException if the folder cannot be listed
     */
    public static VerifiedExamples open(Path dir) throws IOException {
        ExamplesArtifact a = ExamplesArtifact.at(dir);
        VerifiedExamples v = new VerifiedExamples(a, manifest(a));
        v.checkListing();
        return v;
    }

    private static ExamplesManifest manifest(ExamplesArtifact a) throws IOException {
        String f = ExamplesArtifact.MANIFEST;
        if (!a.isComplete()) {
            String why = "missing: not a complete `pdml preprocess` output (run it again)";
            throw new DamagedArtifactException(a.dir(), "file", Problem.ofFile(f, why), null);
        }
        try {
            return a.read();
        } catch (IOException e) {
            Throwable why = e.getCause() == null ? e : e.getCause();
            Problem p = Problem.ofFile(f, "malformed: " + why.getMessage());
            throw new DamagedArtifactException(a.dir(), "file", p, e);
        }
    }

    /** Returns the manifest the folder was checked against. */
    public ExamplesManifest manifest() {
        return manifest;
    }

    /** Returns the examples folder. */
    public Path dir() {
        return artifact.dir();
    }

    /**
     * Tells whether the manifest lists a split.
     *
     * @param split split name, e.g. "val"
     * @return true when the manifest has that split
     */
    public boolean hasSplit(String split) {
        return splitInfo(split).isPresent();
    }

    /**
     * Reads every record of a split, verifying each shard in the same pass (see the class comment).
     *
     * @param split split name ("train", "val", "test")
     * @return the records in manifest shard order
     * @throws IllegalArgumentException naming the folder if the manifest has no such split
     * @throws DamagedArtifactException naming the shard if a size, record count or SHA-256 differs
     *     from the manifest, or a record is damaged (with its byte offset)
     * @throws IOException if a shard cannot be read
     */
    public List<ImageRecord> read(String split) throws IOException {
        SplitInfo info =
                splitInfo(split)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "examples "
                                                        + dir()
                                                        + " have no split '"
                                                        + split
                                                        + "' (manifest lists "
                                                        + splitNames()
                                                        + ")"));
        List<ImageRecord> out = new ArrayList<>();
        for (ShardInfo shard : info.getShardsList()) {
            readShard(shard, out);
        }
        if (out.size() != info.getRecordCount()) {
            String what = split + " record count: " + out.size() + " in its shards";
            throw damaged(
                    ExamplesArtifact.MANIFEST, what + ", manifest says " + info.getRecordCount());
        }
        return out;
    }

    private void checkListing() throws IOException {
        Set<String> listed = new HashSet<>();
        for (SplitInfo split : manifest.getSplitsList()) {
            for (ShardInfo shard : split.getShardsList()) {
                listed.add(shard.getPath());
                checkSize(shard);
            }
        }
        for (String rel : artifact.allShardsOnDisk()) {
            if (!listed.contains(rel)) {
                throw damaged(
                        rel,
                        "on disk but not in the manifest (a leftover of another run?): remove it,"
                                + " or run `pdml preprocess --overwrite` again");
            }
        }
    }

    private void checkSize(ShardInfo shard) throws IOException {
        String rel = shard.getPath();
        try {
            ShardNames.parse(rel);
        } catch (IllegalArgumentException e) {
            throw damaged(
                    rel, "the manifest lists a path that is no shard name: " + e.getMessage());
        }
        Path p = artifact.shardPath(shard);
        if (!Files.isRegularFile(p)) {
            throw damaged(
                    rel, "missing, manifest lists it with " + shard.getSizeBytes() + " bytes");
        }
        long size = Files.size(p);
        if (size != shard.getSizeBytes()) {
            throw damaged(rel, size + " bytes, manifest says " + shard.getSizeBytes());
        }
    }

    private void readShard(ShardInfo shard, List<ImageRecord> out) throws IOException {
        checkSize(shard);
        String rel = shard.getPath();
        int before = out.size();
        String sha256;
        try (HashedShard in = HashedShard.open(dir(), rel)) {
            readRecords(in, rel, out);
            sha256 = in.finish();
        }
        long n = out.size() - before;
        if (n != shard.getRecordCount()) {
            throw damaged(rel, n + " records, manifest says " + shard.getRecordCount());
        }
        if (!sha256.equals(shard.getSha256())) {
            throw damaged(rel, "SHA-256 " + sha256 + ", manifest says " + shard.getSha256());
        }
    }

    private void readRecords(HashedShard in, String rel, List<ImageRecord> out) throws IOException {
        TfRecordReader reader = null;
        try {
            reader = in.reader();
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                out.add(ImageRecordCodec.decode(b));
            }
        } catch (CorruptRecordException e) {
            throw damagedRecord(rel, e.offset(), e.getMessage(), e);
        } catch (MalformedExampleException e) {
            throw damagedRecord(rel, reader.recordOffset(), e.getMessage(), e);
        } catch (ZipException | EOFException e) {
            long at = reader == null ? 0 : reader.position();
            throw damagedRecord(rel, at, "bad GZIP stream: " + e.getMessage(), e);
        }
    }

    private Optional<SplitInfo> splitInfo(String split) {
        return manifest.getSplitsList().stream().filter(s -> s.getName().equals(split)).findFirst();
    }

    private List<String> splitNames() {
        return manifest.getSplitsList().stream().map(SplitInfo::getName).toList();
    }

    private DamagedArtifactException damaged(String file, String what) {
        String kind = file.equals(ExamplesArtifact.MANIFEST) ? "file" : "shard";
        return new DamagedArtifactException(dir(), kind, Problem.ofFile(file, what), null);
    }

    private DamagedArtifactException damagedRecord(
            String rel, long offset, String what, Throwable cause) {
        return new DamagedArtifactException(dir(), "shard", new Problem(rel, offset, what), cause);
    }
}
