package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.image.ImageDecoder;
import org.pdml.preprocess.image.ImageEncoder;
import org.pdml.preprocess.image.ImageResizer;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.SyntheticImages;
import org.pdml.records.ImageRecord;

class DecodeImagesTest {

    private static KV<IndexEntry, byte[]> input(String id, String path, int label, byte[] bytes) {
        return KV.of(new IndexEntry(id, path, label, "k" + label, Split.TRAIN, Role.ALL), bytes);
    }

    @Test
    void decodesGoodImagesAndRoutesBadOnesToRejects() throws Exception {
        TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
        List<KV<IndexEntry, byte[]>> inputs = new ArrayList<>();
        inputs.add(
                input(
                        "wide",
                        "x/wide.png",
                        3,
                        SyntheticImages.write(SyntheticImages.gradient(64, 32), "png")));
        inputs.add(input("cmyk", "x/cmyk.jpg", 5, SyntheticImages.adobeCmykJpeg(false)));
        inputs.add(input("gif", "x/a.gif", 1, SyntheticImages.twoFrameGif()));
        inputs.add(input("empty", "x/e.png", 1, new byte[0]));
        inputs.add(input("text", "x/t.jpg", 1, "plain text".getBytes()));
        DecodeImageFn fn =
                new DecodeImageFn(
                        new ImageDecoder(1_000_000L, 16, 0xFFFFFF),
                        new ImageResizer(16),
                        new ImageEncoder(ImageEncoder.Encoding.PNG, 90));
        PCollectionTuple out =
                p.apply(
                                Create.of(inputs)
                                        .withCoder(
                                                KvCoder.of(
                                                        PreprocessCoders.indexEntry(),
                                                        ByteArrayCoder.of())))
                        .apply(new DecodeImages(fn));
        PAssert.that(
                        out.get(Tags.RECORDS)
                                .apply(
                                        "Describe",
                                        MapElements.into(TypeDescriptors.strings())
                                                .via(DecodeImagesTest::describe)))
                .containsInAnyOrder(
                        "wide 32x16 label=3 k3 png",
                        "cmyk 16x16 label=5 k5 png",
                        "gif 16x16 label=1 k1 png");
        PAssert.that(out.get(Tags.RECORDS))
                .satisfies(
                        records -> {
                            records.forEach(DecodeImagesTest::checkPixels);
                            return null;
                        });
        PAssert.that(
                        out.get(Tags.REJECTS)
                                .apply(
                                        "Reasons",
                                        MapElements.into(TypeDescriptors.strings())
                                                .via(
                                                        (Reject r) ->
                                                                r.id()
                                                                        + ":"
                                                                        + r.reason()
                                                                        + ":"
                                                                        + r.path())))
                .containsInAnyOrder("empty:EMPTY_FILE:x/e.png", "text:NOT_AN_IMAGE:x/t.jpg");
        p.run().waitUntilFinish();
    }

    private static String describe(ImageRecord r) {
        return String.format(
                "%s %dx%d label=%d %s %s",
                r.id(), r.width(), r.height(), r.label(), r.classText(), r.format());
    }

    /** The stored PNG must decode to the declared size; the GIF's first frame is red. */
    private static void checkPixels(ImageRecord r) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.encodedBytes()));
            assertThat(img.getWidth()).isEqualTo(r.width());
            assertThat(img.getHeight()).isEqualTo(r.height());
            if (r.id().equals("gif")) {
                assertThat(img.getRGB(8, 8) & 0xFFFFFF).isEqualTo(0xFF0000);
            }
            assertThat(r.source()).startsWith("x/");
            assertThat(r.split()).isEqualTo("train");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
