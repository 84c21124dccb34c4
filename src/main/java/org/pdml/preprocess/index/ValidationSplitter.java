package org.pdml.preprocess.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.pdml.provenance.Seeds;

/**
 * Carves a seeded, class-disjoint validation split out of the training classes.
 *
 * <p>The distinct TRAIN labels, sorted ascending, are shuffled with {@code
 * Collections.shuffle(labels, new java.util.Random(seeds.seed(DATA_SPLIT)))}, the run's {@code
 * data.split} stream (both algorithms are specified by the JDK, so the carve is the same on every
 * JVM); the first {@code k} become VAL, where {@code k = round(fraction * n)}, raised to 1 when
 * {@code fraction > 0} and lowered to {@code n - 1} so that training keeps a class. Fraction 0
 * leaves the index unchanged. Only TRAIN entries change.
 */
public final class ValidationSplitter {

    private ValidationSplitter() {}

    /**
     * Moves a fraction of the training classes to VAL.
     *
     * @param entries the index (TRAIN/TEST, any VAL entries are kept as they are)
     * @param fraction fraction of training classes to move, in {@code [0, 1)}
     * @param seeds the run's seeds; the shuffle draws from the {@code data.split} stream
     * @return a new list in the same order with the chosen classes' entries in VAL
     * @throws IllegalArgumentException if the fraction is out of range, or positive while there are
     *     fewer than two training classes
     */
    public static List<IndexEntry> carve(List<IndexEntry> entries, double fraction, Seeds seeds) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "validation fraction must be in [0, 1), got " + fraction);
        }
        if (fraction == 0) {
            return List.copyOf(entries);
        }
        TreeSet<Integer> train = new TreeSet<>();
        entries.stream().filter(e -> e.split() == Split.TRAIN).forEach(e -> train.add(e.label()));
        if (train.size() < 2) {
            throw new IllegalArgumentException(
                    "a validation split needs at least 2 training classes, found " + train.size());
        }
        List<Integer> order = new ArrayList<>(train);
        Collections.shuffle(order, new Random(seeds.seed(Seeds.Purpose.DATA_SPLIT)));
        int k = (int) Math.round(fraction * order.size());
        k = Math.min(Math.max(k, 1), order.size() - 1);
        Set<Integer> val = new HashSet<>(order.subList(0, k));
        List<IndexEntry> out = new ArrayList<>(entries.size());
        for (IndexEntry e : entries) {
            boolean move = e.split() == Split.TRAIN && val.contains(e.label());
            out.add(move ? e.withSplit(Split.VAL) : e);
        }
        return out;
    }
}
