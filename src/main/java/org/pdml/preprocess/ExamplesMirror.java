package org.pdml.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.pdml.artifacts.AtomicFiles;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.ManifestJson;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;
import org.pdml.artifacts.proto.SplitInfo;

/**
 * Copies a finished examples folder from a remote location ({@code gs://}, through Beam {@link
 * FileSystems}) to a local folder, so that training, which reads local shards, can use it: every
 * shard the manifest lists, checked against the manifest's size and SHA-256 as it is copied, then
 * {@code rejects.jsonl}, then the manifest itself, last and atomically, as the local commit marker.
 * A shard whose bytes differ from the manifest fails the copy, naming the shard; nothing is
 * committed then.
 */
public final class ExamplesMirror {
    private ExamplesMirror() {}

    /**
     * Copies {@code remote} to {@code local}.
     *
     * @param remote the examples folder, e.g. {@code gs://bucket/examples/cub200-256}
     * @param local the local folder (created; files of the same names are replaced)
     * @param options the options that reach the remote file system (credentials, endpoint)
     * @param progress receives one line before and one after the copy
     * @return the manifest
     * @throws IOException if the remote folder has no manifest (preprocessing did not finish), a
     *     shard is missing or differs from the manifest, or a read or write fails
     */
    public static ExamplesManifest copy(
            String remote, Path local, PipelineOptions options, Consumer<String> progress)
            throws IOException {
        FileSystems.setDefaultPipelineOptions(options);
        ResourceId root = FileSystems.matchNewResource(remote, true);
        byte[] manifestBytes = readManifest(root, remote);
        ExamplesManifest manifest =
                ManifestJson.parse(
                                new String(manifestBytes, StandardCharsets.UTF_8),
                                ExamplesManifest.newBuilder())
                        .build();
        long total = 0;
        int shards = 0;
        for (SplitInfo split : manifest.getSplitsList()) {
            for (ShardInfo shard : split.getShardsList()) {
                total += shard.getSizeBytes();
                shards++;
            }
        }
        progress.accept(
                String.format(
                        Locale.ROOT,
                        "mirroring %d shards (%.1f MB) from %s to %s",
                        shards,
                        total / 1e6,
                        remote,
                        local));
        Files.createDirectories(local);
        Files.deleteIfExists(local.resolve(ExamplesArtifact.MANIFEST));
        for (SplitInfo split : manifest.getSplitsList()) {
            for (ShardInfo shard : split.getShardsList()) {
                copyShard(root, remote, shard, local);
            }
        }
        copyRejects(root, local);
        AtomicFiles.write(local.resolve(ExamplesArtifact.MANIFEST), manifestBytes);
        progress.accept("mirrored " + remote + " to " + local);
        return manifest;
    }

    private static byte[] readManifest(ResourceId root, String remote) throws IOException {
        ResourceId file =
                root.resolve(ExamplesArtifact.MANIFEST, StandardResolveOptions.RESOLVE_FILE);
        try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new IOException(
                    "no "
                            + ExamplesArtifact.MANIFEST
                            + " in "
                            + remote
                            + ": preprocessing has not finished there",
                    e);
        }
    }

    /** Streams one shard to its local path, hashing as it goes, and checks it. */
    private static void copyShard(ResourceId root, String remote, ShardInfo shard, Path local)
            throws IOException {
        ResourceId from = root.resolve(shard.getPath(), StandardResolveOptions.RESOLVE_FILE);
        Path to = local.resolve(shard.getPath()).normalize();
        if (!to.startsWith(local.normalize())) {
            throw new IOException("manifest of " + remote + " lists a shard outside it: " + shard);
        }
        Files.createDirectories(to.getParent());
        HashingOutputStream out = new HashingOutputStream(Files.newOutputStream(to));
        try (InputStream in = Channels.newInputStream(FileSystems.open(from));
                OutputStream closing = out) {
            in.transferTo(closing);
        } catch (FileNotFoundException e) {
            throw new IOException("shard " + from + " is listed in the manifest but missing", e);
        }
        String sha = out.sha256Hex();
        if (out.bytes() != shard.getSizeBytes() || !sha.equals(shard.getSha256())) {
            throw new IOException(
                    String.format(
                            Locale.ROOT,
                            "shard %s differs from its manifest: %d bytes, SHA-256 %s; the manifest"
                                    + " says %d bytes, %s",
                            from,
                            out.bytes(),
                            sha,
                            shard.getSizeBytes(),
                            shard.getSha256()));
        }
    }

    /** {@code rejects.jsonl}, which every finished run writes, empty or not. */
    private static void copyRejects(ResourceId root, Path local) throws IOException {
        ResourceId from = root.resolve(WriteRejects.FILE_NAME, StandardResolveOptions.RESOLVE_FILE);
        try (InputStream in = Channels.newInputStream(FileSystems.open(from))) {
            Files.write(local.resolve(WriteRejects.FILE_NAME), in.readAllBytes());
        } catch (FileNotFoundException e) {
            throw new IOException(from + " is missing: every finished run writes one", e);
        }
    }
}
