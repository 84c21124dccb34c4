package org.pdml.data;

/**
 * Seed derivation by SplitMix64 mixing (Steele et al., OOPSLA 2014): independent-looking 64-bit
 * seeds from tuples such as (root seed, epoch, batch, index), so any sample's randomness can be
 * recomputed without replaying earlier draws.
 */
public final class Seeds {

    private Seeds() {}

    /**
     * Mixes the parts into one seed; different tuples give unrelated seeds, order matters.
     *
     * @param root the root seed
     * @param parts further coordinates (epoch, batch, index, …)
     * @return the derived seed
     */
    public static long derive(long root, long... parts) {
        long h = mix(root ^ 0x9E3779B97F4A7C15L);
        for (long p : parts) {
            h = mix(h + 0x9E3779B97F4A7C15L + mix(p));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
