package org.pdml.provenance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The one owner of a run's seeds. Each purpose gets its own seed, derived deterministically from
 * the root seed, so that adding a random draw in one place never shifts another:
 *
 * <pre>seed(purpose[, index]) = int64_be(SHA-256("pdml.seed.v1|" + root + "|" + key [+ "|" +
 * index])[0..8))</pre>
 *
 * where {@code root} and {@code index} are written in decimal and {@code key} is the purpose's
 * dotted name. Any language with SHA-256 reproduces it. Thread-safe; every seed handed out is
 * remembered for provenance.
 */
public final class Seeds {
    private static final String DOMAIN = "pdml.seed.v1|";

    private final long root;
    private final Map<String, Long> issued = new ConcurrentSkipListMap<>();

    /** What a seed is for; each purpose has a stable dotted key that enters the derivation. */
    public enum Purpose {
        /** Train/validation class split. */
        DATA_SPLIT("data.split"),
        /** Class-balanced batch sampler. */
        SAMPLER("train.sampler"),
        /** Training augmentation (per worker via the index). */
        AUGMENTATION("train.augmentation"),
        /** Parameter initialisation. */
        MODEL_INIT("model.init"),
        /** The deep-learning engine's global generator. */
        ENGINE("engine"),
        /** vMF samples in the loss. */
        LOSS_SAMPLING("loss.sampling"),
        /** k-means restarts for NMI. */
        KMEANS("eval.kmeans");

        private final String key;

        Purpose(String key) {
            this.key = key;
        }

        /**
         * Returns the dotted key that enters the derivation.
         *
         * @return e.g. {@code train.sampler}
         */
        public String key() {
            return key;
        }
    }

    /**
     * Creates the seed owner of a run.
     *
     * @param root the config's {@code seed}
     */
    public Seeds(long root) {
        this.root = root;
    }

    /**
     * Returns the root seed.
     *
     * @return the config's seed
     */
    public long root() {
        return root;
    }

    /**
     * Derives the seed of a purpose.
     *
     * @param purpose what the seed is for
     * @return a 64-bit seed
     */
    public long seed(Purpose purpose) {
        return derive(purpose.key());
    }

    /**
     * Derives the seed of one instance of a purpose, e.g. a worker thread or an epoch.
     *
     * @param purpose what the seed is for
     * @param index the instance, e.g. worker number (any long)
     * @return a 64-bit seed, different for different indices
     */
    public long seed(Purpose purpose, long index) {
        return derive(purpose.key() + "|" + index);
    }

    /**
     * Returns a generator seeded for a purpose.
     *
     * @param purpose what the draws are for
     * @return a fresh generator; equal seeds give equal sequences
     */
    public SplittableRandom random(Purpose purpose) {
        return new SplittableRandom(seed(purpose));
    }

    /**
     * Returns a generator seeded for one instance of a purpose.
     *
     * @param purpose what the draws are for
     * @param index the instance
     * @return a fresh generator
     */
    public SplittableRandom random(Purpose purpose, long index) {
        return new SplittableRandom(seed(purpose, index));
    }

    /**
     * Returns a seed for APIs that take a non-negative {@code int} (e.g. an engine's global seed):
     * the top 31 bits of the 64-bit seed.
     *
     * @param purpose what the seed is for
     * @return a seed in [0, 2³¹)
     */
    public int intSeed(Purpose purpose) {
        return (int) (seed(purpose) >>> 33);
    }

    /**
     * Returns every seed handed out so far, by derivation key, for provenance.
     *
     * @return a sorted snapshot such as {@code train.sampler → -5385161622723176979}
     */
    public SortedMap<String, Long> issued() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(issued));
    }

    private long derive(String key) {
        long seed = sha256Prefix(DOMAIN + root + "|" + key);
        issued.put(key, seed);
        return seed;
    }

    private static long sha256Prefix(String text) {
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
