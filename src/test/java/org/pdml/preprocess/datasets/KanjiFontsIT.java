package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SourceInfo;
import org.pdml.preprocess.DatasetSource;
import org.pdml.preprocess.PreparedDataset;
import org.pdml.preprocess.PreprocessSummary;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;
import org.pdml.preprocess.testing.StrictPngRun;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.TfRecordReader;

/**
 * End to end on real Kanji-Fonts glyphs: five Debian font packages fetched with apt-get download
 * (cached under .cache/datasets/kanji-fonts), the first 50 classes of each half rendered at 64 px,
 * through the Beam pipeline at 32 px, shards read back.
 */
class KanjiFontsIT {
    private static final Path CACHE = Path.of(".cache", "datasets", "kanji-fonts");
    private static final List<KanjiFont> FONTS =
            List.of(
                    KanjiFont.IPA_GOTHIC,
                    KanjiFont.IPA_MINCHO,
                    KanjiFont.VL_GOTHIC,
                    KanjiFont.UME_GOTHIC,
                    KanjiFont.SETO);

    @TempDir Path tmp;

    @Test
    void realGlyphSubsetIsBuiltAsSpecifiedAndRoundTripsThroughThePipeline() throws Exception {
        PreparedDataset ds = KanjiFonts.build(CACHE, new KanjiFonts.Config(FONTS, 64, 50), x -> {});
        assertThat(ds.classes()).hasSize(100);
        checkSplitsFollowCodePointOrder(ds);
        checkSources(ds.sources());
        checkRenders(ds);

        Path out = tmp.resolve("examples");
        PreprocessSummary s = StrictPngRun.run(ds, out, 32, 1);
        assertThat(s.rejected()).isZero();
        assertThat(s.records()).isEqualTo(ds.entries().size());

        Map<String, Integer> labels =
                ds.entries().stream().collect(Collectors.toMap(IndexEntry::id, IndexEntry::label));
        Map<String, Integer> written = new TreeMap<>();
        for (Path shard : shards(out)) {
            try (TfRecordReader r = TfRecordReader.open(shard)) {
                for (byte[] b = r.next(); b != null; b = r.next()) {
                    ImageRecord rec = ImageRecordCodec.decode(b);
                    assertThat(rec.width()).isEqualTo(32);
                    assertThat(rec.height()).isEqualTo(32);
                    written.put(rec.id(), rec.label());
                }
            }
        }
        assertThat(written).isEqualTo(new TreeMap<>(labels));
        ExamplesManifest m = ExamplesArtifact.at(out).read();
        assertThat(m.getClassesCount()).isEqualTo(100);
        assertThat(m.getSourcesList())
                .extracting(SourceInfo::getName)
                .contains("fonts-seto", "java2d-render");
    }

    /** Labels 0-49 train, 50-99 test, code points rising with the label. */
    private static void checkSplitsFollowCodePointOrder(PreparedDataset ds) {
        int previous = -1;
        for (int label = 0; label < 100; label++) {
            int cp = Integer.parseInt(ds.classes().get(label), 16);
            assertThat(cp).isGreaterThan(previous).isBetween(0x4E00, 0x9FFF);
            previous = cp;
        }
        for (IndexEntry e : ds.entries()) {
            assertThat(e.split()).isEqualTo(e.label() < 50 ? Split.TRAIN : Split.TEST);
        }
        Map<Integer, Long> perClass =
                ds.entries().stream()
                        .collect(Collectors.groupingBy(IndexEntry::label, Collectors.counting()));
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isBetween(2L, 5L));
    }

    private static void checkSources(List<DatasetSource> sources) {
        assertThat(sources).hasSize(6);
        for (int i = 0; i < FONTS.size(); i++) {
            assertThat(sources.get(i).name()).isEqualTo(FONTS.get(i).packageName());
            assertThat(sources.get(i).sha256()).matches("[0-9a-f]{64}");
            assertThat(sources.get(i).licence()).isEqualTo(FONTS.get(i).licence());
        }
        assertThat(sources.get(5).version()).isEqualTo("JDK " + Runtime.version());
    }

    /**
     * Every render: its font really has the glyph (checked on a font loaded here), its ink box is
     * centred, and no two renders of a class have the same pixels.
     */
    private static void checkRenders(PreparedDataset ds) throws Exception {
        Map<String, Font> fonts = new TreeMap<>();
        for (KanjiFont f : FONTS) {
            Path file = CACHE.resolve(f.packageName() + "@" + f.version()).resolve("x");
            fonts.put(
                    f.packageName(),
                    Font.createFont(Font.TRUETYPE_FONT, file.resolve(f.fontFile()).toFile()));
        }
        Map<Integer, Set<String>> pixelsPerClass = new TreeMap<>();
        for (IndexEntry e : ds.entries()) {
            String pkg = e.id().substring(0, e.id().indexOf('/'));
            assertThat(fonts.get(pkg).canDisplay(Integer.parseInt(e.className(), 16))).isTrue();
            BufferedImage img = ImageIO.read(Path.of(ds.root()).resolve(e.path()).toFile());
            assertThat(img.getWidth()).isEqualTo(64);
            int[] box = inkBox(img);
            assertThat(Math.abs((box[0] + box[2]) - 63)).as(e.id() + " x").isLessThanOrEqualTo(2);
            assertThat(Math.abs((box[1] + box[3]) - 63)).as(e.id() + " y").isLessThanOrEqualTo(2);
            assertThat(
                            pixelsPerClass
                                    .computeIfAbsent(e.label(), k -> new HashSet<>())
                                    .add(GlyphRenderer.pixelHash(grey(img))))
                    .as("duplicate render " + e.id())
                    .isTrue();
        }
    }

    /**
     * Inclusive bounding box {x0, y0, x1, y1} of the visible ink (grey < 250: thin mincho strokes
     * are only a faint antialiased grey at this size).
     */
    private static int[] inkBox(BufferedImage img) {
        int[] box = {img.getWidth(), img.getHeight(), -1, -1};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRaster().getSample(x, y, 0) < 250) {
                    box[0] = Math.min(box[0], x);
                    box[1] = Math.min(box[1], y);
                    box[2] = Math.max(box[2], x);
                    box[3] = Math.max(box[3], y);
                }
            }
        }
        assertThat(box[2]).as("no ink").isGreaterThanOrEqualTo(0);
        return box;
    }

    private static BufferedImage grey(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return img;
        }
        BufferedImage g =
                new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        g.getGraphics().drawImage(img, 0, 0, null);
        return g;
    }

    private static List<Path> shards(Path out) throws Exception {
        try (Stream<Path> files = Files.walk(out)) {
            return new ArrayList<>(
                    files.filter(f -> f.toString().endsWith(".tfrecord")).sorted().toList());
        }
    }
}
