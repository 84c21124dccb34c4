package org.pdml.data;

/**
 * A crop rectangle in source pixels, optionally mirrored left-right after cropping.
 *
 * @param left first column
 * @param top first row
 * @param width columns
 * @param height rows
 * @param flip whether the output is mirrored horizontally
 */
public record CropBox(double left, double top, double width, double height, boolean flip) {}
