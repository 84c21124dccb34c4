package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * An array made from a Java direct buffer aliases that buffer (PyTorch's {@code from_blob}); the
 * engine-owned copies must not. Each test first shows the aliasing on the raw array, so it would
 * fail if the copy were a view.
 */
class EngineOwnedTest {

    private static final float[] VALUES = {1.5f, -2f, 3.25f, 0f, 7f, -0.5f};

    @Test
    void copyOfNoLongerSeesWritesToTheJavaBufferAndClosesTheSource() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteBuffer buffer = direct(VALUES);
            NDArray raw = manager.create(buffer, new Shape(2, 3), DataType.FLOAT32);
            buffer.asFloatBuffer().put(0, 42f);
            assertThat(raw.toFloatArray()[0]).as("raw array aliases the buffer").isEqualTo(42f);

            NDArray owned = EngineOwned.copyOf(raw);
            buffer.asFloatBuffer().put(1, 99f);

            assertThat(owned.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(owned.toFloatArray()).containsExactly(42f, -2f, 3.25f, 0f, 7f, -0.5f);
            assertThatThrownBy(raw::toFloatArray).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void adoptKeepsTheObjectAndItsValuesButDropsTheAlias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ByteBuffer buffer = direct(VALUES);
            NDArray array = manager.create(buffer, new Shape(6), DataType.FLOAT32);

            EngineOwned.adopt(array);
            buffer.asFloatBuffer().put(new float[] {9f, 9f, 9f, 9f, 9f, 9f});

            assertThat(array.toFloatArray()).containsExactly(VALUES);
            array.setRequiresGradient(true);
            try (var gc = manager.getEngine().newGradientCollector()) {
                gc.backward(array.mul(array).sum());
            }
            assertThat(array.getGradient().toFloatArray())
                    .as("d(sum x²)/dx = 2x on the adopted array")
                    .containsExactly(3f, -4f, 6.5f, 0f, 14f, -1f);
        }
    }

    @Test
    void createMatchesManagerCreate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = EngineOwned.create(manager, VALUES, new Shape(3, 2));
            assertThat(a.getShape()).isEqualTo(new Shape(3, 2));
            assertThat(a.toFloatArray()).containsExactly(VALUES);
        }
    }

    private static ByteBuffer direct(float[] values) {
        ByteBuffer buffer =
                ByteBuffer.allocateDirect(values.length * Float.BYTES)
                        .order(ByteOrder.nativeOrder());
        FloatBuffer floats = buffer.asFloatBuffer();
        floats.put(values);
        return buffer;
    }
}
