package org.pdml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.pdml.provenance.Seeds;

/**
 * The reference's {@code class_random} batch sampler: each batch of B indices consists of B/m draws
 * of a class, uniformly and with replacement over the classes, and for each draw m indices drawn
 * uniformly with replacement from that class. An epoch is ⌊N/B⌋ batches.
 *
 * <p>Batch (epoch e, number b) is drawn from the run's {@link Seeds.Purpose#SAMPLER} stream at (e,
 * b) alone, so the sampler's position ({@link Position}) is all that a checkpoint needs for an
 * exact resume.
 */
public final class ClassBalancedSampler {

    private final int[][] membersByClass;
    private final int batchSize;
    private final int samplesPerClass;
    private final int batchesPerEpoch;
    private final Seeds seeds;
    private Position position = new Position(0, 0);

    /**
     * Creates the sampler.
     *
     * @param labels the class label of each dataset index, length N
     * @param batchSize B
     * @param samplesPerClass m, which must divide B
     * @param seeds the run's seeds (the sampler draws from its stream)
     * @throws IllegalArgumentException if m does not divide B, or N &lt; B
     */
    public ClassBalancedSampler(int[] labels, int batchSize, int samplesPerClass, Seeds seeds) {
        if (samplesPerClass <= 0 || batchSize % samplesPerClass != 0) {
            throw new IllegalArgumentException(
                    "samples per class "
                            + samplesPerClass
                            + " must divide batch size "
                            + batchSize);
        }
        if (labels.length < batchSize) {
            throw new IllegalArgumentException(
                    "dataset of "
                            + labels.length
                            + " images is smaller than one batch of "
                            + batchSize);
        }
        this.membersByClass = group(labels);
        this.batchSize = batchSize;
        this.samplesPerClass = samplesPerClass;
        this.batchesPerEpoch = labels.length / batchSize;
        this.seeds = seeds;
    }

    private static int[][] group(int[] labels) {
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        return byClass.values().stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Returns ⌊N/B⌋, the number of batches per epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /**
     * Returns batch b of epoch e: B dataset indices, in groups of m consecutive same-class indices.
     *
     * @throws IllegalArgumentException if b is outside [0, batchesPerEpoch) or e &lt; 0
     */
    public int[] batch(int epoch, int batch) {
        if (epoch < 0 || batch < 0 || batch >= batchesPerEpoch) {
            throw new IllegalArgumentException(
                    "no batch "
                            + batch
                            + " of epoch "
                            + epoch
                            + " ("
                            + batchesPerEpoch
                            + " per epoch)");
        }
        SplittableRandom random =
                new SplittableRandom(seeds.seed(Seeds.Purpose.SAMPLER, epoch, batch));
        int[] out = new int[batchSize];
        for (int draw = 0; draw < batchSize / samplesPerClass; draw++) {
            int[] members = membersByClass[random.nextInt(membersByClass.length)];
            for (int k = 0; k < samplesPerClass; k++) {
                out[draw * samplesPerClass + k] = members[random.nextInt(members.length)];
            }
        }
        return out;
    }

    /** Returns whether the current epoch has a batch left. */
    public boolean hasNextInEpoch() {
        return position.batch() < batchesPerEpoch;
    }

    /**
     * Returns the batch at the current position and advances within the epoch.
     *
     * @throws NoSuchElementException at the end of the epoch (call {@link #startEpoch})
     */
    public int[] next() {
        if (!hasNextInEpoch()) {
            throw new NoSuchElementException("epoch " + position.epoch() + " is exhausted");
        }
        int[] out = batch(position.epoch(), position.batch());
        position = new Position(position.epoch(), position.batch() + 1);
        return out;
    }

    /** Moves to batch 0 of {@code epoch}. */
    public void startEpoch(int epoch) {
        seek(new Position(epoch, 0));
    }

    /** Returns the position of the next batch (save this in checkpoints). */
    public Position position() {
        return position;
    }

    /**
     * Restores a saved position; the following batches equal those the saving run would have drawn.
     *
     * @throws IllegalArgumentException if the position is outside an epoch
     */
    public void seek(Position target) {
        if (target.epoch() < 0 || target.batch() < 0 || target.batch() > batchesPerEpoch) {
            throw new IllegalArgumentException("invalid sampler position " + target);
        }
        position = target;
    }

    /** Returns the class count, for diagnostics. */
    public int classCount() {
        return membersByClass.length;
    }

    @Override
    public String toString() {
        return "ClassBalancedSampler[B="
                + batchSize
                + ", m="
                + samplesPerClass
                + ", classes="
                + membersByClass.length
                + ", seeds="
                + seeds
                + ", at="
                + position
                + "]";
    }

    /**
     * The sampler's position: the next batch is {@code batch} of {@code epoch}.
     *
     * @param epoch epoch number, from 0
     * @param batch batch number within the epoch, from 0
     */
    public record Position(int epoch, int batch) {

        /** Returns "epoch:batch", parseable by {@link #parse}. */
        public String encode() {
            return epoch + ":" + batch;
        }

        /**
         * Parses {@link #encode}'s form.
         *
         * @throws IllegalArgumentException naming the text if malformed
         */
        public static Position parse(String text) {
            String[] parts = text.split(":");
            try {
                if (parts.length == 2) {
                    return new Position(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad sampler position '" + text + "'", e);
            }
            throw new IllegalArgumentException("bad sampler position '" + text + "'");
        }
    }
}
