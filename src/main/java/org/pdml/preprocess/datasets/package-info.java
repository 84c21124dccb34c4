/**
 * Builders for the offline benchmarks of docs/datasets.md §2 and §3 (Emoji-Vendors, Kanji-Fonts),
 * fetched with the ordinary package clients ({@code npm pack}, {@code apt-get download}), cached
 * under {@code .cache/datasets} by name and version with a recorded SHA-256, and turned into a
 * {@link org.pdml.preprocess.PreparedDataset}.
 */
package org.pdml.preprocess.datasets;
