package org.pdml.preprocess;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.pdml.config.InputPaths;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.image.RejectedImageException;
import org.pdml.preprocess.index.IndexEntry;

/**
 * Checks an entry against the class list and the dataset root, then reads its bytes through Beam
 * {@link FileSystems} (local paths and {@code gs://}). A local entry is also checked on its real
 * path ({@link LocalBoundary}) before it is opened. Refusals: {@link RejectReason#UNKNOWN_LABEL},
 * {@link RejectReason#PATH_ESCAPES_ROOT}, {@link RejectReason#MISSING_FILE}, {@link
 * RejectReason#NOT_A_REGULAR_FILE}, {@link RejectReason#UNREADABLE}.
 */
final class EntryReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final Map<Integer, String> classes;
    private transient ResourceId rootId;
    private transient LocalBoundary boundary;

    /**
     * @param root dataset root (a local folder or a {@code gs://} prefix)
     * @param classes the class list, label to class name
     */
    EntryReader(String root, Map<Integer, String> classes) {
        this.root = root;
        this.classes = Map.copyOf(classes);
    }

    /**
     * Reads one entry's file.
     *
     * @param entry the index entry
     * @return the file's bytes
     * @throws RejectedImageException with the reason, naming the path, when the entry is refused
     */
    byte[] read(IndexEntry entry) throws RejectedImageException {
        checkLabel(entry);
        return read(resolve(entry));
    }

    private void checkLabel(IndexEntry entry) throws RejectedImageException {
        String known = classes.get(entry.label());
        if (known == null || !known.equals(entry.className())) {
            throw new RejectedImageException(
                    RejectReason.UNKNOWN_LABEL,
                    String.format(
                            "%s: label %d (%s) is not in the class list",
                            entry.path(), entry.label(), entry.className()));
        }
    }

    private ResourceId resolve(IndexEntry entry) throws RejectedImageException {
        if (escapesRoot(entry.path())) {
            throw new RejectedImageException(
                    RejectReason.PATH_ESCAPES_ROOT,
                    entry.path() + ": resolves outside the dataset root " + root);
        }
        if (rootId == null) {
            rootId = FileSystems.matchNewResource(root, true);
        }
        ResourceId file = rootId.resolve(entry.path(), StandardResolveOptions.RESOLVE_FILE);
        if (!InputPaths.isRemote(root)) {
            localBoundary().check(entry.path());
        }
        return file;
    }

    private LocalBoundary localBoundary() throws RejectedImageException {
        if (boundary == null) {
            try {
                boundary = new LocalBoundary(Path.of(root));
            } catch (IOException e) {
                throw new RejectedImageException(
                        RejectReason.UNREADABLE, root + ": cannot resolve the dataset root", e);
            }
        }
        return boundary;
    }

    /** A URL ({@code scheme://}) or a Windows drive path ({@code C:\}, {@code C:/}). */
    private static final java.util.regex.Pattern NOT_RELATIVE =
            java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://|[A-Za-z]:[/\\\\]).*");

    /**
     * True for absolute paths, URLs, Windows drive paths and paths whose normal form starts with
     * "..". Other colons are legal in names ({@code colon:12.30.jpg}).
     */
    static boolean escapesRoot(String path) {
        if (path.startsWith("/") || path.startsWith("\\") || NOT_RELATIVE.matcher(path).matches()) {
            return true;
        }
        try {
            Path normal = Path.of(path.replace('\\', '/')).normalize();
            return normal.startsWith("..") || normal.toString().isEmpty();
        } catch (InvalidPathException e) {
            return true;
        }
    }

    private static byte[] read(ResourceId file) throws RejectedImageException {
        // Why no match before the open: a missing file fails the open itself, and the extra
        // metadata round trip per image cost more than the read on small files.
        try (ReadableByteChannel ch = FileSystems.open(file)) {
            return ch instanceof SeekableByteChannel
                    ? readSized((SeekableByteChannel) ch)
                    : Channels.newInputStream(ch).readAllBytes();
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw new RejectedImageException(RejectReason.MISSING_FILE, file + ": no such file", e);
        } catch (IOException e) {
            throw new RejectedImageException(
                    RejectReason.UNREADABLE, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a channel of known size into one array, without the stream's growing copies. */
    private static byte[] readSized(SeekableByteChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(size + " bytes is too large for one record");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
            // Why a loop: a channel may return fewer bytes than asked.
        }
        byte[] bytes = buffer.array();
        if (buffer.hasRemaining()) {
            return java.util.Arrays.copyOf(bytes, buffer.position());
        }
        try (InputStream rest = Channels.newInputStream(ch)) {
            byte[] more = rest.readAllBytes();
            return more.length == 0 ? bytes : concat(bytes, more);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
