package org.pdml.preprocess.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Image and class counts of a standard benchmark as published (docs/datasets.md §1), checked in
 * strict mode. Query and gallery counts are those of In-Shop's test split, 0 elsewhere.
 *
 * @param trainImages images in the training split
 * @param trainClasses classes in the training split
 * @param testImages images in the test split
 * @param testClasses classes in the test split
 * @param queryImages test images with role QUERY
 * @param galleryImages test images with role GALLERY
 */
public record PublishedCounts(
        int trainImages,
        int trainClasses,
        int testImages,
        int testClasses,
        int queryImages,
        int galleryImages) {

    /** CUB-200-2011: classes 1-100 train, 101-200 test. */
    public static final PublishedCounts CUB200 = new PublishedCounts(5864, 100, 5924, 100, 0, 0);

    /** CARS196: classes 1-98 train, 99-196 test. */
    public static final PublishedCounts CARS196 = new PublishedCounts(8054, 98, 8131, 98, 0, 0);

    /** Stanford Online Products: Ebay_train.txt and Ebay_test.txt. */
    public static final PublishedCounts SOP = new PublishedCounts(59551, 11318, 60502, 11316, 0, 0);

    /** In-Shop Clothes Retrieval: 52,712 images; test = 14,218 queries + 12,612 gallery. */
    public static final PublishedCounts INSHOP =
            new PublishedCounts(25882, 3997, 26830, 3985, 14218, 12612);

    /**
     * Compares an index with these counts.
     *
     * @param entries the index (before any validation carve)
     * @param file the metadata file named in the error
     * @throws MalformedIndexException naming every mismatch ("train images: index has 5, published
     *     5864")
     */
    public void check(List<IndexEntry> entries, Path file) {
        List<String> bad = new ArrayList<>();
        compare(bad, "train images", count(entries, Split.TRAIN, null), trainImages);
        compare(bad, "train classes", classes(entries, Split.TRAIN), trainClasses);
        compare(bad, "test images", count(entries, Split.TEST, null), testImages);
        compare(bad, "test classes", classes(entries, Split.TEST), testClasses);
        if (queryImages > 0 || galleryImages > 0) {
            compare(bad, "query images", count(entries, Split.TEST, Role.QUERY), queryImages);
            compare(bad, "gallery images", count(entries, Split.TEST, Role.GALLERY), galleryImages);
        }
        if (!bad.isEmpty()) {
            throw new MalformedIndexException(
                    file, 0, "strict count check failed: " + String.join("; ", bad));
        }
    }

    private static void compare(List<String> bad, String what, long actual, long published) {
        if (actual != published) {
            bad.add(what + ": index has " + actual + ", published " + published);
        }
    }

    private static long count(List<IndexEntry> entries, Split split, Role role) {
        return entries.stream()
                .filter(e -> e.split() == split && (role == null || e.role() == role))
                .count();
    }

    private static long classes(List<IndexEntry> entries, Split split) {
        Set<Integer> s = new HashSet<>();
        entries.stream().filter(e -> e.split() == split).forEach(e -> s.add(e.label()));
        return s.size();
    }
}
