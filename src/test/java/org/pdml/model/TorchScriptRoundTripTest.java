package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.model.torchscript.TorchScriptModels;

/** Export → libtorch load gives the embeddings of the DJL model; imports are trainable. */
class TorchScriptRoundTripTest {

    @TempDir Path dir;

    @Test
    void smallCnnEmbeddingModelExportsAndLoadsBackWithEqualEmbeddings() throws Exception {
        assertRoundTrip(
                new EmbeddingModel(SmallCnn.build(8, false), new EmbeddingHead(32, 16, 3f)), 32);
    }

    @Test
    void gridPooledSmallCnnExportsAndLoadsBackWithEqualEmbeddings() throws Exception {
        // 32 px → 8×8 map of 32 channels → 2×2 grid → 128 features, flattened as torch does.
        assertRoundTrip(
                new EmbeddingModel(
                        SmallCnn.build(8, false, 2),
                        new EmbeddingHead(SmallCnn.featureDim(8, 2), 16, 3f)),
                32);
    }

    @Test
    void resnet18EmbeddingModelExportsAndLoadsBackWithEqualEmbeddings() throws Exception {
        assertRoundTrip(
                new EmbeddingModel(
                        ResNets.build(ResNets.Depth.RESNET18, true), new EmbeddingHead(512, 8, 1f)),
                32);
    }

    private void assertRoundTrip(EmbeddingModel model, int px) throws Exception {
        Path file = dir.resolve("model.pt");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            model.initialize(manager, DataType.FLOAT32, new Shape(4, 3, px, px));
            NDArray x = manager.randomNormal(new Shape(4, 3, px, px));
            // A training pass moves the running statistics off their defaults, so the export
            // must carry real buffers, not just zeros and ones.
            model.forward(new ParameterStore(manager, false), new NDList(x), true);
            NDArray expected =
                    model.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
            TorchScriptModels.export(model, file);
            try (ZooModel<NDList, NDList> loaded =
                    TorchScriptModels.load(file, false, ai.djl.Device.cpu())) {
                NDArray actual = forward(loaded.getBlock(), manager, x);
                assertThat(actual.getShape()).isEqualTo(expected.getShape());
                assertThat(maxAbsDiff(actual, expected)).isLessThanOrEqualTo(1e-5f);
            }
        }
    }

    @Test
    void libtorchResavesTheExportUnchanged() throws Exception {
        Path file = dir.resolve("cnn.pt");
        Path resaved = dir.resolve("resaved.pt");
        try (NDManager manager = NDManager.newBaseManager()) {
            exportSmallCnn(manager, file);
            NDArray x = manager.randomNormal(new Shape(2, 3, 32, 32));
            try (ZooModel<NDList, NDList> loaded =
                    TorchScriptModels.load(file, false, ai.djl.Device.cpu())) {
                try (OutputStream os = Files.newOutputStream(resaved)) {
                    JniUtils.writeModule((PtSymbolBlock) loaded.getBlock(), os, false);
                }
                try (ZooModel<NDList, NDList> again =
                        TorchScriptModels.load(resaved, false, ai.djl.Device.cpu())) {
                    NDArray before = forward(loaded.getBlock(), manager, x);
                    assertThat(maxAbsDiff(forward(again.getBlock(), manager, x), before))
                            .isEqualTo(0f);
                }
            }
        }
    }

    /**
     * Two exports of one network, 2.1 s apart (DOS zip times tick every 2 s), are byte-equal, every
     * entry dated 1980-02-01 with no extra field; libtorch's re-saves of them (the {@code
     * backbone.pt} of an imported backbone) are byte-equal too.
     */
    @Test
    void exportsAndLibtorchResavesAreByteIdenticalWhateverTheClock() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block cnn = SmallCnn.build(4, false);
            cnn.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
            TorchScriptModels.export(cnn, dir.resolve("a.pt"));
            resave(dir.resolve("a.pt"), dir.resolve("a-resaved.pt"));
            Thread.sleep(2_100);
            TorchScriptModels.export(cnn, dir.resolve("b.pt"));
            resave(dir.resolve("b.pt"), dir.resolve("b-resaved.pt"));
        }
        assertThat(Files.readAllBytes(dir.resolve("b.pt")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a.pt")));
        assertThat(Files.readAllBytes(dir.resolve("b-resaved.pt")))
                .isEqualTo(Files.readAllBytes(dir.resolve("a-resaved.pt")));
        try (ZipFile zip = new ZipFile(dir.resolve("a.pt").toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertThat(entries).extracting(ZipEntry::getName).startsWith("archive/version");
            for (ZipEntry e : entries) {
                assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo("1980-02-01T00:00");
                assertThat(e.getExtra()).as(e.getName()).isNull();
            }
        }
    }

    private static void resave(Path file, Path resaved) throws Exception {
        try (ZooModel<NDList, NDList> loaded =
                        TorchScriptModels.load(file, false, ai.djl.Device.cpu());
                OutputStream os = Files.newOutputStream(resaved)) {
            JniUtils.writeModule((PtSymbolBlock) loaded.getBlock(), os, false);
        }
    }

    @Test
    void importedBackboneTrainsInsideAnEmbeddingModel() throws Exception {
        Path file = dir.resolve("backbone.pt");
        try (NDManager manager = NDManager.newBaseManager()) {
            exportSmallCnn(manager, file);
            try (ZooModel<NDList, NDList> loaded =
                    TorchScriptModels.load(file, true, ai.djl.Device.cpu())) {
                EmbeddingModel model =
                        new EmbeddingModel(loaded.getBlock(), new EmbeddingHead(16, 4, 1f));
                model.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
                try (NDManager batch = manager.newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = batch.randomNormal(new Shape(2, 3, 32, 32));
                    NDArray z =
                            model.forward(new ParameterStore(batch, false), new NDList(x), true)
                                    .singletonOrThrow();
                    assertThat(z.getShape()).isEqualTo(new Shape(2, 4));
                    collector.backward(z.square().sum());
                }
                for (Parameter p : model.getParameters().values()) {
                    assertThat(p.getArray().getGradient().abs().sum().getFloat())
                            .as("gradient of %s", p.getName())
                            .isPositive();
                }
            }
        }
    }

    /** Exports an initialised SmallCnn of width 4 ([B, 3, H, W] → [B, 16]). */
    private static void exportSmallCnn(NDManager manager, Path file) throws Exception {
        Block cnn = SmallCnn.build(4, false);
        cnn.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 32, 32));
        TorchScriptModels.export(cnn, file);
    }

    private static NDArray forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false)
                .singletonOrThrow();
    }

    private static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
