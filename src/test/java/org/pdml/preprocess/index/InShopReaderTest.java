package org.pdml.preprocess.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InShopReaderTest {
    @TempDir Path root;

    private static final List<String> ROWS =
            List.of(
                    "img/WOMEN/Dresses/id_00000002/02_1_front.jpg         id_00000002 train",
                    "img/WOMEN/Dresses/id_00000002/02_2_side.jpg          id_00000002 train",
                    "img/MEN/Denim/id_00000080/01_1_front.jpg             id_00000080 query",
                    "img/MEN/Denim/id_00000080/01_2_side.jpg              id_00000080 gallery",
                    "img/WOMEN/Blouses_Shirts/id_00000001/02_1_front.jpg  id_00000001 train");

    private void fixture(String count, List<String> rows) throws IOException {
        List<String> lines =
                new ArrayList<>(List.of(count, "image_name item_id evaluation_status"));
        lines.addAll(rows);
        for (String r : rows) {
            FixtureFiles.image(root, r.split("\\s+")[0]);
        }
        FixtureFiles.lines(root.resolve(InShopReader.PARTITION), lines);
    }

    @Test
    void readsTrainQueryAndGallery() throws IOException {
        fixture("5", ROWS);
        List<IndexEntry> index = new InShopReader(false).read(root);
        assertThat(index).extracting(IndexEntry::label).containsExactly(1, 1, 2, 2, 0);
        assertThat(index)
                .extracting(IndexEntry::role)
                .containsExactly(Role.ALL, Role.ALL, Role.QUERY, Role.GALLERY, Role.ALL);
        assertThat(index.get(2))
                .isEqualTo(
                        new IndexEntry(
                                "img/MEN/Denim/id_00000080/01_1_front.jpg",
                                "img/MEN/Denim/id_00000080/01_1_front.jpg",
                                2,
                                "id_00000080",
                                Split.TEST,
                                Role.QUERY));
    }

    @Test
    void countLineMustMatch() throws IOException {
        fixture("52712", ROWS);
        assertThatThrownBy(() -> new InShopReader(false).read(root))
                .hasMessageContaining("list_eval_partition.txt:1")
                .hasMessageContaining("declares 52712 images but lists 5");
    }

    @Test
    void unknownStatusNamesTheLine() throws IOException {
        List<String> rows = new ArrayList<>(ROWS);
        rows.set(3, "img/MEN/Denim/id_00000080/01_2_side.jpg id_00000080 val");
        fixture("5", rows);
        assertThatThrownBy(() -> new InShopReader(false).read(root))
                .hasMessageContaining("list_eval_partition.txt:6")
                .hasMessageContaining("got 'val'");
    }

    @Test
    void strictModeChecksQueryAndGallery() throws IOException {
        fixture("5", ROWS);
        assertThatThrownBy(() -> new InShopReader(true).read(root))
                .hasMessageContaining("query images: index has 1, published 14218")
                .hasMessageContaining("gallery images: index has 1, published 12612");
    }
}
