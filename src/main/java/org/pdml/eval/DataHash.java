package org.pdml.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.pdml.util.Sha256;

/**
 * The data hash of an embedding folder: SHA-256 over the lines {@code name:sha256(file)\n} of its
 * embedding files ({@code embeddings.npy}, {@code ids.txt}, {@code labels.npy}, then {@code
 * roles.npy} if present), in that order.
 */
public final class DataHash {
    private static final List<String> FILES =
            List.of(
                    EmbeddingFile.EMBEDDINGS,
                    EmbeddingFile.IDS,
                    EmbeddingFile.LABELS,
                    EmbeddingFile.ROLES);

    private DataHash() {}

    /**
     * @param dir an embedding folder
     * @return lower-case hex SHA-256
     * @throws IOException if a file cannot be read
     */
    public static String ofFolder(Path dir) throws IOException {
        MessageDigest all = Sha256.newDigest();
        for (String name : FILES) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                String line = name + ":" + ofFile(p) + "\n";
                all.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return Sha256.hex(all.digest());
    }

    /**
     * @param file a file
     * @return lower-case hex SHA-256 of its bytes
     * @throws IOException if it cannot be read
     */
    public static String ofFile(Path file) throws IOException {
        return Sha256.of(file);
    }
}
