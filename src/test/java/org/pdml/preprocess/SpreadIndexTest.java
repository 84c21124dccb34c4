package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

class SpreadIndexTest {

    @Test
    void bucketCountIsFourPerCoreOrOnePerFiveHundredEntriesNeverMoreThanTheEntries() {
        assertThat(SpreadIndex.bucketsFor(3822, 2)).isEqualTo(8);
        assertThat(SpreadIndex.bucketsFor(120_053, 2)).isEqualTo(241); // ceil(120053 / 500)
        assertThat(SpreadIndex.bucketsFor(5, 16)).isEqualTo(5);
        assertThat(SpreadIndex.bucketsFor(0, 2)).isEqualTo(1);
        assertThatThrownBy(() -> new SpreadIndex(List.of(), 0)).hasMessageContaining(">= 1");
    }

    @Test
    void everyEntryComesOutExactlyOnce() {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(
                    new IndexEntry("id" + i, "p" + i, i % 3, "c" + i % 3, Split.TRAIN, Role.ALL));
        }
        TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
        PCollection<IndexEntry> out = p.apply(new SpreadIndex(entries, 7));
        PAssert.that(out).containsInAnyOrder(entries);
        p.run().waitUntilFinish();
    }
}
