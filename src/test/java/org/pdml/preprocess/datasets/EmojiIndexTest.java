package org.pdml.preprocess.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Split;

class EmojiIndexTest {

    @Test
    void joinKeyLowerCasesAndDropsVariationSelector16() {
        assertThat(EmojiIndex.joinKey("0023-FE0F-20E3")).isEqualTo("0023-20e3");
        assertThat(EmojiIndex.joinKey("1F600")).isEqualTo("1f600");
        assertThat(EmojiIndex.joinKey("1f3f3-fe0f-200d-1f308")).isEqualTo("1f3f3-200d-1f308");
    }

    @Test
    void ordersCodePointsNumericallyNotAsText() {
        // As text "a9" > "1f600"; numerically 0xa9 < 0x1f600. A prefix sorts first.
        List<String> keys =
                new java.util.ArrayList<>(
                        List.of("1f600", "a9", "1f1e6-1f1e8", "1f1e6", "0023-20e3"));
        keys.sort(EmojiIndex.CODE_POINT_ORDER);
        assertThat(keys).containsExactly("0023-20e3", "a9", "1f1e6", "1f1e6-1f1e8", "1f600");
    }

    @Test
    void keepsClassesWithTwoInstancesAndSplitsTheSortedListInHalves() {
        Map<String, Map<String, String>> inst = new TreeMap<>();
        // Five classes with two vendors, one singleton that must be dropped.
        for (String k : List.of("1f600", "a9", "1f40d", "2764", "1f680")) {
            inst.put(k, Map.of("google", "g/" + k + ".png", "twitter", "t/" + k + ".png"));
        }
        inst.put("1f4a9", Map.of("google", "g/1f4a9.png"));
        List<IndexEntry> all = EmojiIndex.build(inst, 0);
        // sorted: a9, 2764, 1f40d, 1f600, 1f680 -> floor(5/2) = 2 train classes.
        assertThat(classesOf(all, Split.TRAIN)).containsExactly("a9", "2764");
        assertThat(classesOf(all, Split.TEST)).containsExactly("1f40d", "1f600", "1f680");
        assertThat(all).hasSize(10);
        assertThat(all.get(0).id()).isEqualTo("google/a9");
        assertThat(all.get(0).label()).isZero();
        assertThat(all.get(9).label()).isEqualTo(4);
        assertThat(all.get(9).path()).isEqualTo("t/1f680.png");

        List<IndexEntry> firstOfEachHalf = EmojiIndex.build(inst, 1);
        assertThat(classesOf(firstOfEachHalf, Split.TRAIN)).containsExactly("a9");
        assertThat(classesOf(firstOfEachHalf, Split.TEST)).containsExactly("1f40d");
        assertThat(firstOfEachHalf).extracting(IndexEntry::label).containsExactly(0, 0, 1, 1);
    }

    @Test
    void privateVendorsNeedTheExplicitFlag() {
        List<EmojiVendor> withApple = List.of(EmojiVendor.GOOGLE, EmojiVendor.APPLE);
        assertThatThrownBy(() -> new EmojiVendors.Config(withApple, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private_sources");
        assertThat(new EmojiVendors.Config(withApple, 0, true).vendors()).hasSize(2);
    }

    @Test
    void oneVendorMustCarryEmojiJson() {
        List<EmojiVendor> noJson = List.of(EmojiVendor.OPENMOJI, EmojiVendor.GEMOJIONE);
        assertThatThrownBy(() -> new EmojiVendors.Config(noJson, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("emoji.json");
        List<EmojiVendor> withGoogle = List.of(EmojiVendor.GOOGLE, EmojiVendor.OPENMOJI);
        assertThat(new EmojiVendors.Config(withGoogle, 0, false).vendors()).hasSize(2);
        assertThat(EmojiVendor.parse("openmoji").isSvg()).isTrue();
    }

    private static List<String> classesOf(List<IndexEntry> entries, Split split) {
        return entries.stream()
                .filter(e -> e.split() == split)
                .map(IndexEntry::className)
                .distinct()
                .collect(Collectors.toList());
    }
}
