package org.pdml.provenance;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.util.Sha256;

/**
 * The one owner of a run's seeds: every random draw of pdml (validation split, sampler,
 * augmentation, loss sampling, model initialisation, engine, k-means) comes from a named stream of
 * one root seed, the config's {@code seed}. A run builds one instance and passes it to every stage;
 * provenance records {@link #streams()}. Changing the root changes every stream; nothing else
 * changes a stream. Streams are independent, so a new random draw in one place never shifts
 * another.
 *
 * <p>The derivation has two levels, each written once, here:
 *
 * <pre>
 * stream(purpose)          = int64_be(SHA-256("pdml.seed.v1|" + root + "|" + key)[0..8))
 * seed(purpose, c₁, …, cₙ) = h_n,   h_0 = mix(stream(purpose) ^ φ),
 *                                   h_i = mix(h_{i-1} + φ + mix(c_i))
 * </pre>
 *
 * where {@code root} is written in decimal, {@code key} is the purpose's dotted name, φ = {@code
 * 0x9E3779B97F4A7C15} and {@code mix} is the SplitMix64 finaliser (Steele et al., OOPSLA 2014). The
 * first level is reproducible in any language with SHA-256; the second is cheap enough for one seed
 * per sample and lets any coordinate (epoch, batch, index, step) be recomputed without replaying
 * earlier draws. Arithmetic wraps modulo 2⁶⁴.
 *
 * <p>Equal roots give equal instances ({@link #equals}); instances are immutable and thread-safe.
 */
public final class Seeds {
    private static final String DOMAIN = "pdml.seed.v1|";
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long root;
    private final Map<Purpose, Long> streams = new EnumMap<>(Purpose.class);

    /** What a seed is for; each purpose has a stable dotted key that enters the derivation. */
    public enum Purpose {
        /** Train/validation class carve in preprocessing. */
        DATA_SPLIT("data.split"),
        /** Class-balanced batch sampler, per (epoch, batch). */
        SAMPLER("train.sampler"),
        /** Training augmentation, per (epoch, batch, position). */
        AUGMENTATION("train.augmentation"),
        /** Parameter initialisation (the engine's generator before the block is initialised). */
        MODEL_INIT("model.init"),
        /** The engine's generator during evaluation (embedding), before the model runs. */
        ENGINE("engine"),
        /** The engine's generator per training step (vMF samples in the loss), per global step. */
        LOSS_SAMPLING("loss.sampling"),
        /** k-means restarts for NMI in evaluation. */
        KMEANS("eval.kmeans");

        private final String key;

        Purpose(String key) {
            this.key = key;
        }

        /**
         * Returns the dotted key that enters the derivation and names the stream in provenance.
         *
         * @return e.g. {@code train.sampler}
         */
        public String key() {
            return key;
        }
    }

    /**
     * Creates the seed owner of a run and derives every stream.
     *
     * @param root the config's {@code seed}
     */
    public Seeds(long root) {
        this.root = root;
        for (Purpose p : Purpose.values()) {
            streams.put(p, sha256Prefix(DOMAIN + root + "|" + p.key()));
        }
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
     * Returns the seed of a purpose's stream (first level).
     *
     * @param purpose what the seed is for
     * @return a 64-bit seed
     */
    public long seed(Purpose purpose) {
        return streams.get(purpose);
    }

    /**
     * Returns the seed of one point of a purpose's stream (second level), e.g. (epoch, batch) of
     * the sampler or the global step of loss sampling.
     *
     * @param purpose what the seed is for
     * @param coordinates one or more coordinates; order matters
     * @return a 64-bit seed, unrelated for different coordinates
     * @throws IllegalArgumentException without coordinates (use {@link #seed(Purpose)})
     */
    public long seed(Purpose purpose, long... coordinates) {
        if (coordinates.length == 0) {
            throw new IllegalArgumentException("no coordinates: use seed(" + purpose + ")");
        }
        long h = mix(seed(purpose) ^ GOLDEN_GAMMA);
        for (long c : coordinates) {
            h = mix(h + GOLDEN_GAMMA + mix(c));
        }
        return h;
    }

    /**
     * Returns a seed for APIs that take a non-negative {@code int} (e.g. an engine's global seed):
     * the top 31 bits of the stream's 64-bit seed.
     *
     * @param purpose what the seed is for
     * @return a seed in [0, 2³¹)
     */
    public int intSeed(Purpose purpose) {
        return (int) (seed(purpose) >>> 33);
    }

    /**
     * Returns every stream's seed by key, for provenance: all purposes, whether or not a stage of
     * this process drew from them (a cached stage draws nothing, yet its output came from them).
     *
     * @return a sorted map such as {@code train.sampler → -5385161622723176979}
     */
    public SortedMap<String, Long> streams() {
        SortedMap<String, Long> out = new TreeMap<>();
        streams.forEach((p, s) -> out.put(p.key(), s));
        return Collections.unmodifiableSortedMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seeds s && s.root == root;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(root);
    }

    @Override
    public String toString() {
        return "Seeds[root=" + root + "]";
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long sha256Prefix(String text) {
        return Sha256.leadingLong(text);
    }
}
