package org.pdml.model.torchscript;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The subset of Python pickle protocol 2 that libtorch's TorchScript unpickler reads: objects of
 * scripted classes (GLOBAL, NEWOBJ, BUILD with a state dict), strings, ints, booleans, tuples,
 * persistent storage ids and tensors rebuilt by {@code torch._utils._rebuild_tensor_v2}.
 */
final class TorchPickler {

    private static final int PROTO = 0x80;
    private static final int NEWOBJ = 0x81;
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    TorchPickler() {
        out.write(PROTO);
        out.write(2);
    }

    TorchPickler global(String module, String name) {
        op('c');
        byte[] text = (module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(text, 0, text.length);
        return this;
    }

    TorchPickler string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        op('X');
        int32(utf8.length);
        out.write(utf8, 0, utf8.length);
        return this;
    }

    TorchPickler integer(long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("integer out of 32-bit range: " + value);
        }
        op('J');
        int32((int) value);
        return this;
    }

    TorchPickler bool(boolean value) {
        out.write(value ? NEWTRUE : NEWFALSE);
        return this;
    }

    /** Pushes a tuple of ints, e.g. a tensor size. */
    TorchPickler intTuple(long[] values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /**
     * Pushes a float tensor whose storage is the archive record {@code data/<key>}.
     *
     * @param storageType "FloatStorage" or "DoubleStorage"
     * @param key storage key
     * @param shape tensor size (row-major contiguous)
     * @param requiresGrad whether the tensor is trainable
     */
    TorchPickler tensor(String storageType, String key, long[] shape, boolean requiresGrad) {
        long numel = 1;
        long[] strides = new long[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = numel;
            numel *= shape[i];
        }
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().string("storage").global("torch", storageType).string(key).string("cpu");
        integer(numel).op('t').op('Q');
        integer(0).intTuple(shape).intTuple(strides).bool(requiresGrad);
        global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }

    /** Starts an object of a scripted class: GLOBAL, EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK. */
    TorchPickler beginObject(String module, String className) {
        global(module, className).op(')');
        out.write(NEWOBJ);
        return op('}').mark();
    }

    /** Ends the object's attribute dict: SETITEMS, BUILD. */
    TorchPickler endObject() {
        return op('u').op('b');
    }

    TorchPickler emptyTuple() {
        return op(')');
    }

    TorchPickler mark() {
        return op('(');
    }

    /** Appends STOP and returns the pickle bytes. */
    byte[] finish() {
        op('.');
        return out.toByteArray();
    }

    private TorchPickler op(char code) {
        out.write(code);
        return this;
    }

    private void int32(int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }
}
