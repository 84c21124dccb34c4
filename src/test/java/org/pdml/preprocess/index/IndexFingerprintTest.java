package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFingerprintTest {
    private static final IndexEntry A =
            new IndexEntry("a", "x/a.png", 0, "cat", Split.TRAIN, Role.ALL);
    private static final IndexEntry B =
            new IndexEntry("b", "y/b.png", 1, "dog", Split.TEST, Role.QUERY);

    @Test
    void isTheSha256OfTheCanonicalLines() throws Exception {
        String canonical = "a\tx/a.png\t0\tcat\ttrain\tall\nb\ty/b.png\t1\tdog\ttest\tquery\n";
        String want =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(IndexFingerprint.of(List.of(B, A))).isEqualTo(want);
    }

    @Test
    void changesWithContentNotOrder() {
        assertThat(IndexFingerprint.of(List.of(A, B)))
                .isEqualTo(IndexFingerprint.of(List.of(B, A)));
        assertThat(IndexFingerprint.of(List.of(A, B.withSplit(Split.VAL))))
                .isNotEqualTo(IndexFingerprint.of(List.of(A, B)));
    }
}
