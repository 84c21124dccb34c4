/**
 * Plain-Java image handling for preprocessing (no Beam): robust decoding of JPEG (including
 * CMYK/YCCK), PNG (greyscale, 16-bit, palette with alpha) and GIF (first frame) with a pixel limit
 * checked from the header, shorter-side resizing, and JPEG/PNG encoding. Every refusal is a {@link
 * org.pdml.preprocess.image.RejectedImageException} carrying a typed {@link
 * org.pdml.preprocess.image.RejectReason}.
 */
package org.pdml.preprocess.image;
