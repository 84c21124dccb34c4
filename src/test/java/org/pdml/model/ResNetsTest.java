package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts against torchvision's published totals (resnet18 11,689,512; resnet34
 * 21,797,672; resnet50 25,557,032) minus the fc layer (F·1000 + 1000), and against a count from the
 * layer shapes; output shapes at small inputs.
 */
class ResNetsTest {

    @Test
    void parameterCountsEqualTorchvisionWithoutFc() {
        assertThat(count(ResNets.Depth.RESNET18))
                .isEqualTo(11_689_512L - (512 * 1000 + 1000))
                .isEqualTo(11_176_512L)
                .isEqualTo(fromShapes(new int[] {2, 2, 2, 2}, false));
        assertThat(count(ResNets.Depth.RESNET34))
                .isEqualTo(21_797_672L - (512 * 1000 + 1000))
                .isEqualTo(fromShapes(new int[] {3, 4, 6, 3}, false));
        assertThat(count(ResNets.Depth.RESNET50))
                .isEqualTo(25_557_032L - (2048 * 1000 + 1000))
                .isEqualTo(23_508_032L)
                .isEqualTo(fromShapes(new int[] {3, 4, 6, 3}, true));
    }

    /** Trainable parameters (BN running statistics are buffers in torch, not parameters). */
    private static long count(ResNets.Depth depth) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = ResNets.build(depth, false);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long total = 0;
            for (Parameter p : net.getParameters().values()) {
                if (p.requiresGradient()) {
                    total += p.getArray().size();
                }
            }
            return total;
        }
    }

    /** Independent count from the paper's layer table: conv weights k²·C_in·C_out, BN 2·C. */
    private static long fromShapes(int[] units, boolean bottleneck) {
        long total = conv(3, 64, 7) + bn(64);
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int w = 64 << stage;
            int out = bottleneck ? 4 * w : w;
            for (int u = 0; u < units[stage]; u++) {
                total +=
                        bottleneck
                                ? conv(in, w, 1)
                                        + bn(w)
                                        + conv(w, w, 3)
                                        + bn(w)
                                        + conv(w, out, 1)
                                        + bn(out)
                                : conv(in, w, 3) + bn(w) + conv(w, w, 3) + bn(w);
                boolean project = u == 0 && (stage > 0 || in != out);
                total += project ? conv(in, out, 1) + bn(out) : 0;
                in = out;
            }
        }
        return total;
    }

    private static long conv(int in, int out, int k) {
        return (long) in * out * k * k;
    }

    private static long bn(int c) {
        return 2L * c;
    }

    @Test
    void outputShapesAreBatchByFeatureDim() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ResNets.Depth depth :
                    new ResNets.Depth[] {ResNets.Depth.RESNET18, ResNets.Depth.RESNET50}) {
                Block net = ResNets.build(depth, true);
                Shape in = new Shape(2, 3, 32, 48);
                net.initialize(manager, DataType.FLOAT32, in);
                NDArray y =
                        net.forward(
                                        new ParameterStore(manager, false),
                                        new NDList(manager.randomNormal(in)),
                                        false)
                                .singletonOrThrow();
                assertThat(y.getShape()).isEqualTo(new Shape(2, depth.featureDim()));
                assertThat(net.getOutputShapes(new Shape[] {in})[0]).isEqualTo(y.getShape());
            }
        }
    }

    @Test
    void smallCnnMapsToFourTimesWidth() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block net = SmallCnn.build(8, false);
            Shape in = new Shape(3, 3, 64, 64);
            net.initialize(manager, DataType.FLOAT32, in);
            NDArray y =
                    net.forward(
                                    new ParameterStore(manager, false),
                                    new NDList(manager.ones(in)),
                                    true)
                            .singletonOrThrow();
            assertThat(y.getShape()).isEqualTo(new Shape(3, SmallCnn.featureDim(8)));
        }
    }

    @Test
    void unknownDepthIsNamed() {
        assertThat(ResNets.Depth.parse("ResNet50")).isEqualTo(ResNets.Depth.RESNET50);
        assertThatThrownBy(() -> ResNets.Depth.parse("resnet101"))
                .hasMessageContaining("resnet101");
    }
}
