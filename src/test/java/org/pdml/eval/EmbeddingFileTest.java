package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;

/** Embedding folders round-trip, and mismatched parts fail naming the file. */
class EmbeddingFileTest {
    @TempDir Path dir;

    private static EmbeddingFile sample(Optional<byte[]> roles) {
        return new EmbeddingFile(
                new float[] {3, 4, 0, 1, 1, 0},
                3,
                2,
                new long[] {7, 7, 8},
                List.of("a", "b", "c"),
                roles);
    }

    @Test
    void roundTripsWithRoles() throws IOException {
        sample(Optional.of(new byte[] {0, 1, 2})).write(dir);
        EmbeddingFile back = EmbeddingFile.read(dir);
        assertThat(back.embeddings()).containsExactly(3, 4, 0, 1, 1, 0);
        assertThat(back.labels()).containsExactly(7, 7, 8);
        assertThat(back.ids()).containsExactly("a", "b", "c");
        assertThat(back.queryRows()).containsExactly(0, 1);
        assertThat(back.galleryRows()).containsExactly(0, 2);
        assertThat(back.norms()).containsExactly(5.0, 1.0, 1.0);
        assertThat(back.rows(new int[] {2, 0})).containsExactly(1, 0, 3, 4);
    }

    @Test
    void withoutRolesEveryRowIsBoth() throws IOException {
        sample(Optional.empty()).write(dir);
        EmbeddingFile back = EmbeddingFile.read(dir);
        assertThat(back.roles()).isEmpty();
        assertThat(back.queryRows()).containsExactly(0, 1, 2);
        assertThat(back.galleryRows()).containsExactly(0, 1, 2);
    }

    @Test
    void mismatchesNameTheFile() throws IOException {
        sample(Optional.empty()).write(dir);
        NpyArray.writeLongs(dir.resolve("labels.npy"), new long[] {1, 2});
        assertThatThrownBy(() -> EmbeddingFile.read(dir))
                .hasMessageContaining("labels.npy has 2 rows, expected 3");
        sample(Optional.empty()).write(dir);
        Files.write(dir.resolve("ids.txt"), List.of("a"));
        assertThatThrownBy(() -> EmbeddingFile.read(dir))
                .hasMessageContaining("ids.txt has 1 lines, expected 3");
        sample(Optional.empty()).write(dir);
        NpyArray.writeFloats(dir.resolve("labels.npy"), new float[] {1, 2, 3}, 3);
        assertThatThrownBy(() -> EmbeddingFile.read(dir))
                .hasMessageContaining("labels.npy: dtype <f4, expected <i8");
        Files.delete(dir.resolve("embeddings.npy"));
        assertThatThrownBy(() -> EmbeddingFile.read(dir))
                .hasMessageContaining("embeddings.npy: missing");
    }

    @Test
    void unknownRoleCodesAreRejected() throws IOException {
        sample(Optional.empty()).write(dir);
        NpyArray.writeBytes(dir.resolve("roles.npy"), new byte[] {0, 3, 1});
        assertThatThrownBy(() -> EmbeddingFile.read(dir)).hasMessageContaining("row 1 has code 3");
    }
}
