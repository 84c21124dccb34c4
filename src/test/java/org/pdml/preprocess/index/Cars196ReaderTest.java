package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

class Cars196ReaderTest {
    @TempDir Path root;

    private static Matrix uint8(int v) {
        Matrix m = Mat5.newMatrix(1, 1, MatlabType.UInt8);
        m.setInt(0, v);
        return m;
    }

    /** Writes cars_annos.mat the way the real file is laid out: class and test as uint8. */
    private void fixture(int[] classes, boolean withNames) throws IOException {
        Struct a = Mat5.newStruct(1, classes.length);
        for (int i = 0; i < classes.length; i++) {
            String rel = String.format("car_ims/%06d.jpg", i + 1);
            FixtureFiles.image(root, rel);
            a.set("relative_im_path", i, Mat5.newString(rel));
            a.set("bbox_x1", i, Mat5.newScalar(10));
            a.set("bbox_y1", i, Mat5.newScalar(20));
            a.set("bbox_x2", i, Mat5.newScalar(300));
            a.set("bbox_y2", i, Mat5.newScalar(200));
            a.set("class", i, uint8(classes[i]));
            a.set("test", i, uint8(i % 2));
        }
        MatFile mat = Mat5.newMatFile().addArray("annotations", a);
        if (withNames) {
            Cell names = Mat5.newCell(1, 196);
            for (int c = 0; c < 196; c++) {
                names.set(c, Mat5.newString("Make Model " + (c + 1)));
            }
            mat.addArray("class_names", names);
        }
        Mat5.writeToFile(mat, root.resolve(Cars196Reader.ANNOTATIONS).toFile());
    }

    @Test
    void readsClassRangeSplitsFromTheMatFile() throws IOException {
        fixture(new int[] {99, 1, 98, 196, 1}, true);
        List<IndexEntry> index = new Cars196Reader(false).read(root);
        assertThat(index)
                .extracting(IndexEntry::id)
                .containsExactly("000001", "000002", "000003", "000004", "000005");
        // Sorted class ids 1, 98, 99, 196 -> 0..3; 1-98 train, 99-196 test.
        assertThat(index).extracting(IndexEntry::label).containsExactly(2, 0, 1, 3, 0);
        assertThat(index)
                .extracting(IndexEntry::split)
                .containsExactly(Split.TEST, Split.TRAIN, Split.TRAIN, Split.TEST, Split.TRAIN);
        assertThat(index.get(0).path()).isEqualTo("car_ims/000001.jpg");
        assertThat(index.get(0).className()).isEqualTo("Make Model 99");
        assertThat(index.get(3).className()).isEqualTo("Make Model 196");
    }

    @Test
    void classOutsideTheNameListIsARejectedRow() throws IOException {
        fixture(new int[] {1, 197, 99}, true);
        IndexResult r = new Cars196Reader(false).readAll(root);
        assertThat(r.entries()).hasSize(2);
        assertThat(r.rejects())
                .singleElement()
                .satisfies(
                        x -> {
                            assertThat(x.line()).isEqualTo(2);
                            assertThat(x.id()).isEqualTo("000002");
                            assertThat(x.reason()).contains("class 197");
                        });
    }

    @Test
    void zeroClassNamesTheElement() throws IOException {
        fixture(new int[] {1, 0}, true);
        assertThatThrownBy(() -> new Cars196Reader(false).read(root))
                .isInstanceOf(MalformedIndexException.class)
                .hasMessageContaining("cars_annos.mat:2")
                .hasMessageContaining("annotations(2).class");
    }

    @Test
    void missingVariableIsNamed() throws IOException {
        fixture(new int[] {1}, false);
        assertThatThrownBy(() -> new Cars196Reader(false).read(root))
                .hasMessageContaining("cars_annos.mat")
                .hasMessageContaining("'class_names' is missing");
    }

    @Test
    void strictModeNamesTheCountMismatch() throws IOException {
        fixture(new int[] {1, 99}, true);
        assertThatThrownBy(() -> new Cars196Reader(true).read(root))
                .hasMessageContaining("train images: index has 1, published 8054");
    }
}
