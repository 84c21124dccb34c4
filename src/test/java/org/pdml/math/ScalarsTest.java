package org.pdml.math;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The constant of every {@link Scalars} op survives until backward even when the garbage collector
 * runs between forward and backward and the freed native memory is reused: the gradients are the
 * closed forms. (DJL's own {@code x.mul(Number)} fails this, as its constant lives in a Java direct
 * buffer that nothing keeps alive.)
 */
class ScalarsTest {

    @Test
    void gradientsAreExactAfterGcAndNativeReuse() {
        for (DataType dtype : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            // d(3x)/dx = 3; d(x/4)/dx = 1/4; d(x^3)/dx = 3x^2 = 12 at x = 2; max(x, 1) = x → 1.
            assertThat(gradient(dtype, x -> Scalars.mul(x, 3))).isEqualTo(3.0);
            assertThat(gradient(dtype, x -> Scalars.div(x, 4))).isEqualTo(0.25);
            assertThat(gradient(dtype, x -> Scalars.pow(x, 3))).isEqualTo(12.0);
            assertThat(gradient(dtype, x -> Scalars.maximum(x, 1))).isEqualTo(1.0);
        }
    }

    @Test
    void constantHasTheDtypeAndValueAndNoGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray like = m.ones(new ai.djl.ndarray.types.Shape(2), DataType.FLOAT32);
            NDArray c = Scalars.constant(like, 0.1);
            assertThat(c.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(c.getShape().dimension()).isZero();
            assertThat(c.getFloat()).isEqualTo(0.1f);
            assertThat(c.hasGradient()).isFalse();
            NDArray d = Scalars.constant(like.toType(DataType.FLOAT64, false), 0.1);
            assertThat(d.getDouble()).isEqualTo(0.1);
        }
    }

    /**
     * d op(x)/dx at x = 2, with GC and reuse of small native blocks between forward and backward.
     */
    private static double gradient(DataType dtype, UnaryOperator<NDArray> op) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(2.0).toType(dtype, false).duplicate();
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x);
                scribbleOverFreedNativeMemory();
                gc.backward(y);
            }
            return x.getGradient().toType(DataType.FLOAT64, false).getDouble();
        }
    }

    /** Runs the GC (so direct buffers whose owners are gone are freed) and reuses small blocks. */
    private static void scribbleOverFreedNativeMemory() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 64; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
                b.putDouble(0, 1e30);
                keep.add(b);
            }
        }
        assertThat(keep).hasSize(192);
    }
}
