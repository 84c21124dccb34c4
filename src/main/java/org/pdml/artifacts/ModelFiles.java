package org.pdml.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pdml.util.Sha256;

/**
 * The integrity of an exported model folder ({@code pdml train}'s {@code model/}). Its card, {@link
 * #CARD}, is written last and lists the folder's files under {@code files} and each file's SHA-256
 * under {@value #HASHES}; {@link #verify} accepts the folder only when every listed file is present
 * with that hash. Evaluation and embedding verify a folder before they load any of it, so a model
 * file changed, cut short or removed after export is refused, naming the file.
 */
public final class ModelFiles {
    /** File name of the model card, the folder's commit marker. */
    public static final String CARD = "model_card.json";

    /** Card key: file name → SHA-256 (64 lower-case hex digits) of every file in {@code files}. */
    public static final String HASHES = "file_sha256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFiles() {}

    /**
     * Digests the named files of a model folder, for the card's {@value #HASHES}.
     *
     * @param dir the model folder
     * @param names file names inside it, in card order
     * @return name → SHA-256, in the given order
     * @throws IOException if a file cannot be read
     */
    public static Map<String, String> digests(Path dir, List<String> names) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, Sha256.of(dir.resolve(name)));
        }
        return out;
    }

    /**
     * Checks a model folder against its card: the card exists and parses, every file under {@code
     * files} has a hash under {@value #HASHES}, and every hashed file exists inside the folder with
     * that SHA-256.
     *
     * @param modelDir the model folder
     * @throws DamagedArtifactException naming the file and the problem on any mismatch, or if the
     *     card records no hashes (a model exported before they were added: export it again)
     * @throws IOException if a file cannot be read
     */
    public static void verify(Path modelDir) throws IOException {
        JsonNode card = card(modelDir);
        JsonNode hashes = card.path(HASHES);
        if (!hashes.isObject()) {
            throw damaged(
                    modelDir,
                    CARD,
                    "records no " + HASHES + " (exported by an older pdml): export it again");
        }
        for (JsonNode listed : card.path("files")) {
            if (!hashes.has(listed.asText())) {
                throw damaged(modelDir, listed.asText(), "listed in the card without a SHA-256");
            }
        }
        for (Map.Entry<String, JsonNode> e : hashes.properties()) {
            checkFile(modelDir, e.getKey(), e.getValue().asText());
        }
    }

    private static JsonNode card(Path modelDir) throws IOException {
        Path p = modelDir.resolve(CARD);
        if (!Files.isRegularFile(p)) {
            throw damaged(modelDir, CARD, "missing: not a complete model folder (export failed?)");
        }
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new DamagedArtifactException(
                    modelDir, "file", Problem.ofFile(CARD, "malformed: " + e.getMessage()), e);
        }
    }

    private static void checkFile(Path dir, String name, String expected) throws IOException {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir.normalize()) || p.equals(dir.normalize())) {
            throw damaged(dir, name, "the card names a path outside the model folder");
        }
        if (!Files.isRegularFile(p)) {
            throw damaged(dir, name, "missing, " + CARD + " lists it");
        }
        String actual = Sha256.of(p);
        if (!actual.equals(expected)) {
            throw damaged(
                    dir,
                    name,
                    "SHA-256 "
                            + actual
                            + " ("
                            + Files.size(p)
                            + " bytes), "
                            + CARD
                            + " says "
                            + expected);
        }
    }

    private static DamagedArtifactException damaged(Path dir, String file, String what) {
        return new DamagedArtifactException(dir, "file", Problem.ofFile(file, what), null);
    }
}
