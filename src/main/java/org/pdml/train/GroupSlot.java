package org.pdml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.pdml.model.EngineOwned;

/** The optimiser state of one parameter: its group, stable key, update count and moments. */
final class GroupSlot {

    final ParameterGroup group;
    final String key;
    int updates;

    /** Adam's first moment m, or SGD's momentum buffer; null before the first update. */
    NDArray first;

    /** Adam's second moment v; null otherwise. */
    NDArray second;

    GroupSlot(ParameterGroup group, String key) {
        this.group = group;
        this.key = key;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeUTF(key);
        out.writeInt(updates);
        writeArray(out, first);
        writeArray(out, second);
    }

    void read(DataInputStream in, NDManager manager) throws IOException {
        updates = in.readInt();
        first = replace(first, readArray(in, manager));
        second = replace(second, readArray(in, manager));
    }

    /**
     * Moves the moments to the parameter's device. State read from a checkpoint is decoded on the
     * engine's default device (the first GPU when there is one), which differs from the parameter's
     * when training runs on the CPU or on another GPU of a GPU machine.
     *
     * @param w the parameter
     * @param manager owner of moved moments
     */
    void onDeviceOf(NDArray w, NDManager manager) {
        first = moved(first, w, manager);
        second = moved(second, w, manager);
    }

    private static NDArray moved(NDArray a, NDArray w, NDManager manager) {
        if (a == null || a.getDevice().equals(w.getDevice())) {
            return a;
        }
        NDArray there = a.toDevice(w.getDevice(), true);
        there.attach(manager);
        a.close();
        return there;
    }

    private static NDArray replace(NDArray old, NDArray fresh) {
        if (old != null) {
            old.close();
        }
        return fresh;
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        if (array == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return EngineOwned.copyOf(NDArray.decode(manager, bytes));
    }
}
