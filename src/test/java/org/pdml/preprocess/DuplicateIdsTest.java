package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

class DuplicateIdsTest {
    private static IndexEntry entry(String id, String path, int label) {
        return new IndexEntry(id, path, label, "c" + label, Split.TRAIN, Role.ALL);
    }

    @Test
    void keepsTheFirstPathOfEachIdAndRejectsTheOthersNamingTheKeeper() {
        IndexEntry b = entry("x", "b.png", 0);
        IndexEntry a = entry("x", "a.png", 1);
        IndexEntry y = entry("y", "y.png", 0);
        IndexEntry c = entry("x", "c.png", 0);
        DuplicateIds d = DuplicateIds.split(List.of(b, y, a, c));
        // "a.png" < "b.png" < "c.png": a keeps the id although b came first in the index.
        assertThat(d.unique()).containsExactly(y, a);
        assertThat(d.rejects())
                .extracting(Reject::path, Reject::id, Reject::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "b.png", "x", RejectReason.DUPLICATE_ID),
                        org.assertj.core.groups.Tuple.tuple(
                                "c.png", "x", RejectReason.DUPLICATE_ID));
        assertThat(d.rejects()).allSatisfy(r -> assertThat(r.message()).contains("a.png"));
    }

    @Test
    void theChoiceDoesNotDependOnIndexOrder() {
        IndexEntry p = entry("x", "p.png", 2);
        IndexEntry q = entry("x", "p.png", 1);
        assertThat(DuplicateIds.split(List.of(p, q)).unique()).containsExactly(q);
        assertThat(DuplicateIds.split(List.of(q, p)).unique()).containsExactly(q);
    }

    @Test
    void anIdenticalRowTwiceIsKeptOnceAndRejectedOnce() {
        IndexEntry e = entry("x", "p.png", 0);
        DuplicateIds d = DuplicateIds.split(List.of(e, e, entry("x", "p.png", 0)));
        assertThat(d.unique()).hasSize(1);
        assertThat(d.rejects()).hasSize(2);
    }

    @Test
    void distinctIdsPassUntouchedInIndexOrder() {
        List<IndexEntry> all = List.of(entry("b", "1.png", 0), entry("a", "2.png", 0));
        DuplicateIds d = DuplicateIds.split(all);
        assertThat(d.unique()).isEqualTo(all);
        assertThat(d.rejects()).isEmpty();
    }
}
