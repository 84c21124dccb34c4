package org.pdml.data;

/**
 * Antialiased bilinear resizing of an 8-bit RGB image to float CHW on the 0–1 scale, computing what
 * torch computes for {@code F.interpolate(x[None], size=(h', w'), mode="bilinear",
 * align_corners=False, antialias=True)} on the float32 tensor {@code x = uint8 CHW / 255} (which is
 * what torchvision's {@code Resize(antialias=True)} does to a float tensor), for a window of the
 * output, e.g. a centre crop.
 *
 * <p>One axis, input length n, output length m, scale s = n / m (float32); the filter's support is
 * r = max(s, 1). Output index i has centre c = s·(i + ½) and taps j ∈ [j₀, j₁) with j₀ =
 * max(trunc(c − r + ½), 0) and j₁ = min(trunc(c + r + ½), n), at most 2⌈r⌉ + 1 of them. Tap j has
 * raw weight tri((j − c + ½) / r), tri(t) = max(0, 1 − |t|), and the weights are divided by their
 * sum, so output i = Σⱼ wᵢⱼ · inⱼ. Upscaling (s ≤ 1, r = 1) is plain bilinear with half-pixel
 * centres and edge clamping; downscaling by s averages the inputs under a triangle s input pixels
 * wide on each side (PIL's and torch's {@code _upsample_bilinear2d_aa}), so no input pixel is
 * skipped. An axis whose length does not change gets weights (1, 0), an exact copy.
 *
 * <p>The two axes are separable: every needed input row is resized along x first, then the columns
 * along y. Weights are float32 with torch's float/double promotions; each output is accumulated in
 * tap order with float32 fused multiply-adds, as torch's AVX2/AVX-512 CPU build does, so the result
 * is bit-identical to torch 2.7.1 on such a CPU (checked by PortableEmbeddingsIT); other builds and
 * devices differ by float32 rounding (relative 1e-7).
 */
public final class AntialiasedResize {

    private AntialiasedResize() {}

    /**
     * The taps of consecutive outputs of one axis.
     *
     * @param first per output, the first input index j₀
     * @param count per output, the number of taps j₁ − j₀
     * @param weights per output o, its normalised weights at {@code weights[o·stride + t]}
     * @param stride the most taps any output of the axis can have, 2⌈r⌉ + 1
     */
    public record Axis(int[] first, int[] count, float[] weights, int stride) {
        /** Returns the number of outputs. */
        public int size() {
            return first.length;
        }
    }

    /**
     * Computes the taps of outputs {@code from … from + count − 1} of resizing {@code in} samples
     * to {@code out}.
     *
     * @param in input length n ≥ 1
     * @param out output length m ≥ 1
     * @param from the first output index wanted, ≥ 0
     * @param count how many outputs, with from + count ≤ m
     * @return the taps
     * @throws IllegalArgumentException if the lengths or the window are out of range
     */
    public static Axis axis(int in, int out, int from, int count) {
        if (in < 1 || out < 1 || from < 0 || count < 1 || from + count > out) {
            throw new IllegalArgumentException(
                    "need n, m >= 1 and a window inside [0, m): n="
                            + in
                            + ", m="
                            + out
                            + ", from="
                            + from
                            + ", count="
                            + count);
        }
        float scale = (float) in / (float) out;
        float support = scale >= 1.0 ? (float) (1.0 * scale) : 1.0f;
        float invScale = scale >= 1.0 ? (float) (1.0 / scale) : 1.0f;
        int stride = (int) (Math.ceil(support) * 2 + 1);
        Axis axis = new Axis(new int[count], new int[count], new float[count * stride], stride);
        for (int o = 0; o < count; o++) {
            taps(axis, o, (float) (scale * (from + o + 0.5)), support, invScale, in);
        }
        return axis;
    }

    /** Fills output o's taps around centre c (float32, as torch rounds it). */
    private static void taps(Axis axis, int o, float c, float support, float invScale, int in) {
        long lo = Math.max((long) ((c - support) + 0.5), 0L);
        long hi = Math.min((long) ((c + support) + 0.5), in);
        int n = (int) Math.max(0, Math.min(hi - lo, axis.stride()));
        int base = o * axis.stride();
        float total = 0f;
        for (int t = 0; t < n; t++) {
            float w = triangle((float) ((((float) (lo + t) - c) + 0.5) * invScale));
            axis.weights()[base + t] = w;
            total += w;
        }
        if (total != 0f) {
            for (int t = 0; t < n; t++) {
                axis.weights()[base + t] /= total;
            }
        }
        axis.first()[o] = (int) lo;
        axis.count()[o] = n;
    }

    /** tri(t) = max(0, 1 − |t|), in float32. */
    static float triangle(float t) {
        float a = t < 0 ? -t : t;
        return a < 1.0 ? (float) (1.0 - a) : 0f;
    }

    /**
     * Resizes: output (x, y) of channel c is Σ_v Σ_u wy[y][v] · wx[x][u] · image(u, v, c) / 255,
     * along x first.
     *
     * @param image the source, W × H
     * @param xs taps along x, from an input length W
     * @param ys taps along y, from an input length H
     * @return float CHW {@code [3, ys.size(), xs.size()]}: {@code out[c·h·w + y·w + x]}, 0–1 scale
     */
    public static float[] resize(RgbImage image, Axis xs, Axis ys) {
        int rowLo = ys.first()[0];
        int rowHi = rowLo;
        for (int y = 0; y < ys.size(); y++) {
            rowHi = Math.max(rowHi, ys.first()[y] + ys.count()[y]);
        }
        float[] rows = alongX(image, xs, rowLo, rowHi);
        return alongY(rows, xs.size(), rowLo, ys);
    }

    /** Resizes rows rowLo … rowHi − 1 along x: {@code [3, rowHi − rowLo, xs.size()]}. */
    private static float[] alongX(RgbImage image, Axis xs, int rowLo, int rowHi) {
        int w = xs.size();
        int h = rowHi - rowLo;
        float[] out = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < h; r++) {
                for (int x = 0; x < w; x++) {
                    int base = x * xs.stride();
                    int u0 = xs.first()[x];
                    float acc = 0f;
                    for (int t = 0; t < xs.count()[x]; t++) {
                        acc =
                                Math.fma(
                                        image.sample(u0 + t, rowLo + r, c) / 255f,
                                        xs.weights()[base + t],
                                        acc);
                    }
                    out[(c * h + r) * w + x] = acc;
                }
            }
        }
        return out;
    }

    /** Resizes the row-resized planes along y: {@code [3, ys.size(), w]}. */
    private static float[] alongY(float[] rows, int w, int rowLo, Axis ys) {
        int hIn = rows.length / (3 * w);
        int h = ys.size();
        float[] out = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int base = y * ys.stride();
                int v0 = ys.first()[y] - rowLo;
                for (int x = 0; x < w; x++) {
                    float acc = 0f;
                    for (int t = 0; t < ys.count()[y]; t++) {
                        acc =
                                Math.fma(
                                        rows[(c * hIn + v0 + t) * w + x],
                                        ys.weights()[base + t],
                                        acc);
                    }
                    out[(c * h + y) * w + x] = acc;
                }
            }
        }
        return out;
    }
}
