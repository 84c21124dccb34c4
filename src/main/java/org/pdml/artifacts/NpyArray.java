package org.pdml.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One array in numpy's NPY format (versions 1.0 and 2.0 read, 1.0 written): little-endian, C order,
 * dtypes {@code <f4} (float32), {@code <i8} (int64) and {@code |i1} (int8).
 *
 * <p>Layout: magic {@code \x93NUMPY}, major, minor, header length (uint16 in v1, uint32 in v2), an
 * ASCII Python dict literal {@code {'descr': …, 'fortran_order': False, 'shape': (…), }} padded
 * with spaces and a newline so that the data starts at a multiple of 64 bytes, then the raw data.
 *
 * @param source the file the array was read from or will be written to (named in every error)
 * @param descr the numpy dtype descriptor, e.g. {@code <f4}
 * @param shape the dimensions, outermost first
 * @param data the raw little-endian data, positioned at 0
 */
public record NpyArray(Path source, String descr, long[] shape, ByteBuffer data) {

    /** float32 descriptor. */
    public static final String FLOAT32 = "<f4";

    /** int64 descriptor. */
    public static final String INT64 = "<i8";

    /** int8 descriptor. */
    public static final String INT8 = "|i1";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(\\w+)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Reads an NPY file.
     *
     * @param file the {@code .npy} file
     * @return the array
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, if it is not NPY, is Fortran-ordered, or
     *     its size does not match the header
     */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] pre = in.readNBytes(8);
            if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
                throw new IllegalArgumentException(file + ": not an NPY file (bad magic)");
            }
            int major = pre[6];
            byte[] lenBytes = in.readNBytes(major == 1 ? 2 : 4);
            ByteBuffer lb = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN);
            int headerLen = major == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
            String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
            NpyArray shell = parseHeader(file, header);
            long expected = elementCount(shell.shape) * itemSize(file, shell.descr);
            byte[] body = in.readAllBytes();
            if (body.length != expected) {
                throw new IllegalArgumentException(
                        file + ": data has " + body.length + " bytes, header promises " + expected);
            }
            return new NpyArray(file, shell.descr, shell.shape, ByteBuffer.wrap(body));
        }
    }

    private static NpyArray parseHeader(Path file, String header) {
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(file + ": malformed NPY header: " + header.trim());
        }
        if (!"False".equals(f.group(1))) {
            throw new IllegalArgumentException(file + ": Fortran order is not supported");
        }
        long[] shape =
                Arrays.stream(s.group(1).split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .mapToLong(t -> Long.parseLong(t.replace("L", "")))
                        .toArray();
        return new NpyArray(file, d.group(1), shape, ByteBuffer.allocate(0));
    }

    private static long elementCount(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    private static int itemSize(Path file, String descr) {
        switch (descr) {
            case FLOAT32:
                return 4;
            case INT64:
                return 8;
            case INT8:
            case "<i1":
                return 1;
            default:
                throw new IllegalArgumentException(
                        file + ": unsupported dtype " + descr + " (expected <f4, <i8 or |i1)");
        }
    }

    /**
     * Checks dtype and rank.
     *
     * @param wantDescr the required descriptor
     * @param wantRank the required number of dimensions
     * @return this array
     * @throws IllegalArgumentException naming the file on a mismatch
     */
    public NpyArray require(String wantDescr, int wantRank) {
        boolean int8Alias = INT8.equals(wantDescr) && "<i1".equals(descr);
        if (!wantDescr.equals(descr) && !int8Alias) {
            throw new IllegalArgumentException(
                    source + ": dtype " + descr + ", expected " + wantDescr);
        }
        if (shape.length != wantRank) {
            throw new IllegalArgumentException(
                    source
                            + ": shape "
                            + Arrays.toString(shape)
                            + " has rank "
                            + shape.length
                            + ", expected rank "
                            + wantRank);
        }
        return this;
    }

    /**
     * @return the data as float32 values in C order
     */
    public float[] toFloats() {
        require(FLOAT32, shape.length);
        float[] out = new float[Math.toIntExact(elementCount(shape))];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /**
     * @return the data as int64 values in C order
     */
    public long[] toLongs() {
        require(INT64, shape.length);
        long[] out = new long[Math.toIntExact(elementCount(shape))];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    /**
     * @return the data as int8 values
     */
    public byte[] toBytes() {
        require(INT8, shape.length);
        byte[] out = new byte[Math.toIntExact(elementCount(shape))];
        data.duplicate().get(out);
        return out;
    }

    /**
     * Writes a float32 array.
     *
     * @param file target file
     * @param values data in C order
     * @param shape dimensions whose product is {@code values.length}
     * @throws IOException if writing fails
     */
    public static void writeFloats(Path file, float[] values, long... shape) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(file, FLOAT32, shape, b.array(), values.length);
    }

    /**
     * Writes a one-dimensional int64 array.
     *
     * @param file target file
     * @param values data
     * @throws IOException if writing fails
     */
    public static void writeLongs(Path file, long[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        write(file, INT64, new long[] {values.length}, b.array(), values.length);
    }

    /**
     * Writes a one-dimensional int8 array.
     *
     * @param file target file
     * @param values data
     * @throws IOException if writing fails
     */
    public static void writeBytes(Path file, byte[] values) throws IOException {
        write(file, INT8, new long[] {values.length}, values, values.length);
    }

    private static void write(Path file, String descr, long[] shape, byte[] body, int count)
            throws IOException {
        if (elementCount(shape) != count) {
            throw new IllegalArgumentException(
                    file + ": shape " + Arrays.toString(shape) + " does not hold " + count);
        }
        byte[] header = header(descr, shape);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) header.length, (byte) (header.length >>> 8)});
            out.write(header);
            out.write(body);
        }
    }

    private static byte[] header(String descr, long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(shape.length == 1 ? "," : ", ");
        }
        String shapeText =
                shape.length > 1 ? dims.substring(0, dims.length() - 2) : dims.toString();
        String dict =
                "{'descr': '"
                        + descr
                        + "', 'fortran_order': False, 'shape': ("
                        + shapeText
                        + "), }";
        // Pad so that magic(6) + version(2) + length(2) + header is a multiple of 64.
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        return (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
