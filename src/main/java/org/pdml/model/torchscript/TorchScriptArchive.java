package org.pdml.model.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive as {@code torch.jit.save} lays it out: a zip (entries stored, not
 * compressed) under one top folder holding {@code version}, {@code code/__torch__.py} (the class
 * source), {@code data.pkl} (the pickled module with its attributes), {@code constants.pkl} (an
 * empty tuple) and one raw little-endian record per tensor under {@code data/}.
 *
 * <p>The bytes are a function of the module alone, so identical models give identical files (and
 * equal model hashes): entries come in a fixed order (the four files above, then the tensors in the
 * emitter's insertion order), every entry is stamped {@link #ENTRY_TIME} (the DOS epoch, local time
 * as zip stores it, so the host's time zone does not matter) and carries no extra field.
 */
public final class TorchScriptArchive {

    /** File-format version written; libtorch 2.x reads 1–10. */
    static final String FORMAT_VERSION = "3\n";

    /**
     * The modification time of every entry: 1980-02-01 00:00 local (zip) time, Gradle's constant
     * for reproducible archives. Not the DOS epoch 1980-01-01 00:00 itself: {@link ZipEntry} takes
     * that as its "before 1980" marker and adds an extended-timestamp extra field that holds the
     * instant in the host's time zone, so the bytes would depend on where the export ran.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    private static final String ROOT = "archive/";

    private TorchScriptArchive() {}

    /**
     * Writes a single-class module whose {@code forward(x: Tensor) -> Tensor} runs the emitted
     * statements; the module is saved in eval mode ({@code training = False}).
     *
     * @param file destination (.pt)
     * @param className the scripted class name (a Python identifier)
     * @param emitter the emitted parameters, buffers and statements
     * @param output the variable holding the result
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a tensor is not float32 or float64
     */
    public static void write(Path file, String className, TorchScriptEmitter emitter, String output)
            throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(raw)) {
            store(zip, "version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            store(zip, "code/__torch__.py", source(className, emitter, output));
            store(zip, "constants.pkl", new TorchPickler().emptyTuple().finish());
            TorchPickler data = new TorchPickler().beginObject("__torch__", className);
            data.string("training").bool(false);
            int key = 0;
            key = tensors(zip, data, emitter.parameters(), key, true);
            tensors(zip, data, emitter.buffers(), key, false);
            store(zip, "data.pkl", data.endObject().finish());
        }
    }

    private static int tensors(
            ZipOutputStream zip,
            TorchPickler data,
            Map<String, NDArray> tensors,
            int firstKey,
            boolean trainable)
            throws IOException {
        int key = firstKey;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray array = e.getValue();
            String storage = storageType(e.getKey(), array.getDataType());
            data.string(e.getKey());
            data.tensor(storage, Integer.toString(key), array.getShape().getShape(), trainable);
            ByteBuffer bytes = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            store(zip, "data/" + key, raw);
            key++;
        }
        return key;
    }

    private static String storageType(String name, DataType type) {
        if (type == DataType.FLOAT32) {
            return "FloatStorage";
        }
        if (type == DataType.FLOAT64) {
            return "DoubleStorage";
        }
        throw new IllegalArgumentException("tensor " + name + " has unsupported type " + type);
    }

    private static byte[] source(String className, TorchScriptEmitter emitter, String output) {
        StringBuilder src = new StringBuilder();
        src.append("class ").append(className).append("(Module):\n");
        src.append("  __parameters__ = ").append(names(emitter.parameters())).append('\n');
        src.append("  __buffers__ = ").append(names(emitter.buffers())).append('\n');
        for (String name : emitter.parameters().keySet()) {
            src.append("  ").append(name).append(" : Tensor\n");
        }
        for (String name : emitter.buffers().keySet()) {
            src.append("  ").append(name).append(" : Tensor\n");
        }
        src.append("  training : bool\n");
        src.append("  def forward(self: __torch__.")
                .append(className)
                .append(",\n    x: Tensor) -> Tensor:\n");
        for (String statement : emitter.statements()) {
            src.append("    ").append(statement).append('\n');
        }
        src.append("    return ").append(output).append('\n');
        return src.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String names(Map<String, NDArray> tensors) {
        StringBuilder out = new StringBuilder("[");
        for (String name : tensors.keySet()) {
            out.append('"').append(name).append("\", ");
        }
        return out.append(']').toString();
    }

    private static void store(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(ROOT + name);
        entry.setMethod(ZipEntry.STORED);
        // Without a time, ZipOutputStream stamps the wall clock and two exports differ.
        entry.setTimeLocal(ENTRY_TIME);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
