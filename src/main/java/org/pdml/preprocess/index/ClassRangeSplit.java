package org.pdml.preprocess.index;

import java.util.Collection;
import java.util.List;

/**
 * The default class-disjoint split for user data without one: classes sorted by {@link
 * IndexAssembler#classOrder(Iterable)}; the first {@code floor(n/2)} are TRAIN, the rest TEST (the
 * SOP and Emoji-Vendors convention).
 */
final class ClassRangeSplit {

    private ClassRangeSplit() {}

    /**
     * Returns the split of each class.
     *
     * @param classKeys distinct class keys
     * @param key one of them
     * @return TRAIN when {@code key} is among the first half, else TEST
     */
    static Split of(Collection<String> classKeys, String key) {
        List<String> sorted =
                classKeys.stream().sorted(IndexAssembler.classOrder(classKeys)).toList();
        return sorted.indexOf(key) < sorted.size() / 2 ? Split.TRAIN : Split.TEST;
    }
}
