package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.OddImages;

class RecordMakerTest {
    private static final IndexEntry ENTRY =
            new IndexEntry("thin", "a/thin.png", 0, "c0", Split.TRAIN, Role.ALL);

    @Test
    void anEncoderFailureIsARejectNamingTheFileNotAnException() {
        // A decoder told of no resize lets a 1 x 3000 image through; resized to a 25 px shorter
        // side it is 25 x 75000, more than the JPEG encoder's 65500 px.
        RecordMaker maker =
                new RecordMaker(
                        new ImageDecoder(10_000_000L, 0, 0xFFFFFF),
                        new ImageResizer(25),
                        new ImageEncoder(ImageEncoder.Encoding.JPEG, 90));
        assertThatThrownBy(() -> maker.make(ENTRY, OddImages.png(1, 3000)))
                .isInstanceOfSatisfying(
                        RejectedImageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.UNENCODABLE))
                .hasMessageContaining("a/thin.png")
                .hasMessageContaining("65500");
    }
}
