package org.pdml.eval.metrics;

/**
 * The check every metric over two row-aligned arrays makes first: same length, at least one row.
 */
final class PairedLengths {
    private PairedLengths() {}

    /**
     * @param first what the first array holds, e.g. {@code "labels"}
     * @param firstLength its length
     * @param second what the second array holds
     * @param secondLength its length
     * @throws IllegalArgumentException naming both arrays and lengths if they differ or are 0
     */
    static void require(String first, int firstLength, String second, int secondLength) {
        if (firstLength != secondLength || firstLength == 0) {
            throw new IllegalArgumentException(
                    first
                            + " ("
                            + firstLength
                            + ") and "
                            + second
                            + " ("
                            + secondLength
                            + ") must be equally long and non-empty");
        }
    }
}
