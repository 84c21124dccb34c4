package org.pdml.preprocess.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

/**
 * A dataset folder with good images of every decodable kind and at least one input of every {@link
 * RejectReason}, plus the index that points at them and the expected outcome per id.
 */
public final class BadInputCorpus {
    /** The dataset root. */
    public final Path root;

    /** The index (including entries that must be rejected). */
    public final List<IndexEntry> entries = new ArrayList<>();

    /** Ids that must become records, mapped to their label. */
    public final Map<String, Integer> good = new LinkedHashMap<>();

    /** Ids that must be rejected, mapped to the reason (duplicates: the second entry). */
    public final Map<String, RejectReason> bad = new LinkedHashMap<>();

    /** The class list: labels 0..3 ("c0".."c3"); 0,1 train and 2,3 test. */
    public final Map<Integer, String> classes = Map.of(0, "c0", 1, "c1", 2, "c2", 3, "c3");

    private BadInputCorpus(Path root) {
        this.root = root;
    }

    /**
     * Writes the corpus under {@code dir/root} (and one file beside the root for the escape case).
     *
     * @param dir an empty temporary folder
     * @return the corpus
     * @throws IOException if a file cannot be written
     */
    public static BadInputCorpus create(Path dir) throws IOException {
        BadInputCorpus c = new BadInputCorpus(Files.createDirectories(dir.resolve("root")));
        byte[] jpeg = SyntheticImages.write(SyntheticImages.gradient(40, 30), "jpeg");
        byte[] png = SyntheticImages.write(SyntheticImages.gradient(30, 40), "png");
        c.addGood("rgb-jpeg", "a/rgb.jpg", jpeg, 0);
        c.addGood("cmyk-jpeg", "a/cmyk.jpg", SyntheticImages.adobeCmykJpeg(false), 0);
        c.addGood("ycck-jpeg", "a/ycck.jpeg", SyntheticImages.adobeCmykJpeg(true), 1);
        c.addGood("grey16-png", "b/grey16.png", SyntheticImages.grey16Png(20, 20, 30000), 1);
        c.addGood("palette-png", "b/palette.png", SyntheticImages.paletteAlphaPng(), 2);
        c.addGood("anim-gif", "b/anim.gif", SyntheticImages.twoFrameGif(), 2);
        c.addGood("rgb-png", "c/rgb.png", png, 3);
        c.addGood(
                "grey-jpeg",
                "c/grey.jpg",
                SyntheticImages.write(SyntheticImages.grey8(24, 24, 90), "jpeg"),
                3);
        c.addGood("colon-name", "c/colon:12.30.jpg", jpeg, 3);
        c.addGood("motion-photo", "a/motion.jpg", OddImages.jpegWithTrailer(2048), 0);
        c.addGood("exif-rotated", "b/exif6.jpg", OddImages.exifJpeg(40, 20, 6), 1);
        c.addGood("gif-newline", "c/newline.gif", OddImages.gifWithNewline(), 3);
        c.addBad("thin", "bad/thin.png", OddImages.png(1, 70_000), 1, RejectReason.EXTREME_ASPECT);
        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, 200, 260, (byte) 0xFF);
        c.addBad("corrupt", "bad/corrupt.jpg", corrupt, 0, RejectReason.CORRUPT);
        c.addBad(
                "truncated",
                "bad/truncated.png",
                Arrays.copyOf(png, png.length / 2),
                0,
                RejectReason.TRUNCATED);
        c.addBad("empty", "bad/empty.jpg", new byte[0], 1, RejectReason.EMPTY_FILE);
        c.addBad(
                "text",
                "bad/readme.png",
                "not an image\n".getBytes(),
                1,
                RejectReason.NOT_AN_IMAGE);
        c.addBad("wrong-ext", "bad/png-named.jpg", png, 2, RejectReason.WRONG_EXTENSION);
        c.addBad(
                "bomb",
                "bad/bomb.png",
                SyntheticImages.bombPng(50_000, 50_000),
                2,
                RejectReason.TOO_MANY_PIXELS);
        c.addBad("unknown-label", "bad/unknown.jpg", jpeg, 7, RejectReason.UNKNOWN_LABEL);
        c.entries.add(entry("missing", "bad/missing.jpg", 3));
        c.bad.put("missing", RejectReason.MISSING_FILE);
        Files.write(dir.resolve("outside.jpg"), jpeg);
        c.entries.add(entry("escape", "../outside.jpg", 3));
        c.bad.put("escape", RejectReason.PATH_ESCAPES_ROOT);
        c.addLinksAndSpecialFiles(dir, jpeg);
        // The duplicate sorts after the kept entry's path "a/rgb.jpg", so it is the one rejected.
        Files.write(c.root.resolve("z-duplicate.jpg"), jpeg);
        c.entries.add(entry("rgb-jpeg", "z-duplicate.jpg", 0));
        return c;
    }

    /**
     * The root as a boundary on real paths: a link inside the root is read; links (to a file, to
     * {@code /etc/passwd}, a linked class folder) that leave it, a dangling link, a FIFO and a
     * folder are each one reject, and none is opened (a FIFO would block the reader).
     */
    private void addLinksAndSpecialFiles(Path dir, byte[] jpeg) throws IOException {
        Files.createSymbolicLink(root.resolve("a/link.jpg"), Path.of("rgb.jpg"));
        entries.add(entry("link-inside", "a/link.jpg", 0));
        good.put("link-inside", 0);
        link("link-outside", "bad/link-out.jpg", dir.resolve("outside.jpg"), 2);
        bad.put("link-outside", RejectReason.PATH_ESCAPES_ROOT);
        link("link-passwd", "bad/passwd.jpg", Path.of("/etc/passwd"), 2);
        bad.put("link-passwd", RejectReason.PATH_ESCAPES_ROOT);
        link("dangling", "bad/dangling.jpg", root.resolve("bad/nowhere.jpg"), 3);
        bad.put("dangling", RejectReason.MISSING_FILE);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("img.jpg"), jpeg);
        Files.createSymbolicLink(root.resolve("linked-class"), elsewhere);
        entries.add(entry("linked-class", "linked-class/img.jpg", 3));
        bad.put("linked-class", RejectReason.PATH_ESCAPES_ROOT);
        entries.add(entry("absolute", "/etc/passwd", 3));
        bad.put("absolute", RejectReason.PATH_ESCAPES_ROOT);
        Files.createDirectories(root.resolve("bad/folder.jpg"));
        entries.add(entry("folder-entry", "bad/folder.jpg", 1));
        bad.put("folder-entry", RejectReason.NOT_A_REGULAR_FILE);
        mkfifo(root.resolve("bad/fifo.jpg"));
        entries.add(entry("fifo", "bad/fifo.jpg", 1));
        bad.put("fifo", RejectReason.NOT_A_REGULAR_FILE);
    }

    private void link(String id, String path, Path target, int label) throws IOException {
        Path link = root.resolve(path);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        entries.add(entry(id, path, label));
    }

    private static void mkfifo(Path path) throws IOException {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("mkfifo " + path + " exited " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + path, e);
        }
    }

    /** How many kinds of input the corpus holds: every id, the duplicate once more. */
    public int kinds() {
        return good.size() + bad.size() + 1;
    }

    /** Entries that must be rejected, as "id:REASON" strings (duplicate id listed once). */
    public List<String> expectedRejects() {
        List<String> out = new ArrayList<>();
        bad.forEach((id, r) -> out.add(id + ":" + r));
        out.add("rgb-jpeg:" + RejectReason.DUPLICATE_ID);
        return out;
    }

    private void addGood(String id, String path, byte[] bytes, int label) throws IOException {
        write(path, bytes);
        entries.add(entry(id, path, label));
        good.put(id, label);
    }

    private void addBad(String id, String path, byte[] bytes, int label, RejectReason reason)
            throws IOException {
        write(path, bytes);
        entries.add(entry(id, path, label));
        bad.put(id, reason);
    }

    private void write(String path, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static IndexEntry entry(String id, String path, int label) {
        return new IndexEntry(
                id, path, label, "c" + label, label < 2 ? Split.TRAIN : Split.TEST, Role.ALL);
    }
}
