package org.pdml.preprocess.datasets;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.apache.batik.transcoder.TranscoderException;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.ImageTranscoder;

/**
 * Rasterises SVG drawings to square PNGs with Apache Batik: the drawing's view box is scaled to
 * {@code size} × {@code size} pixels, anti-aliased, on a transparent background (the preprocessing
 * decoder composites alpha onto its background colour). The same SVG gives the same PNG bytes.
 */
public final class SvgRasteriser {
    private final int size;

    /**
     * @param size output width and height in pixels, >= 1
     */
    public SvgRasteriser(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("raster size must be >= 1, got " + size);
        }
        this.size = size;
    }

    /**
     * Rasterises one SVG file.
     *
     * @param svg the SVG file
     * @return a {@code size} × {@code size} ARGB image
     * @throws IOException naming the file if it cannot be read or is not a renderable SVG
     */
    public BufferedImage render(Path svg) throws IOException {
        Capture capture = new Capture();
        capture.addTranscodingHint(ImageTranscoder.KEY_WIDTH, (float) size);
        capture.addTranscodingHint(ImageTranscoder.KEY_HEIGHT, (float) size);
        try (InputStream in = Files.newInputStream(svg)) {
            TranscoderInput input = new TranscoderInput(in);
            input.setURI(svg.toUri().toString());
            capture.transcode(input, new TranscoderOutput());
        } catch (TranscoderException | RuntimeException e) {
            throw new IOException(svg + ": cannot rasterise SVG: " + reason(e), e);
        }
        return capture.image;
    }

    /**
     * Rasterises {@code svg} to the PNG file {@code png} unless that exists; the file appears
     * atomically, so an interrupted run leaves no partial PNG behind.
     *
     * @param svg the SVG file
     * @param png the PNG to write
     * @throws IOException naming the SVG or the PNG on failure
     */
    public void renderToPng(Path svg, Path png) throws IOException {
        if (Files.isRegularFile(png)) {
            return;
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), ".raster", ".png");
        try {
            if (!ImageIO.write(render(svg), "png", tmp.toFile())) {
                throw new IOException("no PNG writer for " + png);
            }
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The innermost cause's message (Batik wraps the parser's error), on one line. */
    private static String reason(Exception e) {
        Throwable t = e;
        while (nested(t) != null && nested(t).getMessage() != null) {
            t = nested(t);
        }
        return String.valueOf(t.getMessage()).replaceAll("\\s+", " ").strip();
    }

    private static Throwable nested(Throwable t) {
        if (t instanceof TranscoderException te && te.getException() != null) {
            return te.getException();
        }
        return t.getCause();
    }

    /** Keeps the rendered image instead of encoding it. */
    private static final class Capture extends ImageTranscoder {
        private BufferedImage image;

        @Override
        public BufferedImage createImage(int width, int height) {
            return new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        }

        @Override
        public void writeImage(BufferedImage img, TranscoderOutput output) {
            this.image = img;
        }
    }
}
