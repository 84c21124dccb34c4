package org.pdml.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compute device a user asked for ({@code train.device}, {@code --device}): {@code auto},
 * {@code cpu}, {@code cuda} (GPU 0) or {@code cuda:N}. Pure syntax: whether the device exists is
 * decided where the engine is loaded ({@code org.pdml.model.DeviceChoice}).
 *
 * @param kind what was asked for
 * @param index the GPU index for {@link Kind#CUDA}, 0 otherwise
 */
public record DeviceRequest(Kind kind, int index) {
    private static final Pattern SYNTAX = Pattern.compile("auto|cpu|cuda(?::(\\d{1,3}))?");

    /** What was asked for. */
    public enum Kind {
        /** The first GPU when the engine has one, else the CPU. */
        AUTO,
        /** The CPU, even where a GPU exists. */
        CPU,
        /** GPU {@code index}; no fallback. */
        CUDA
    }

    /** The request for automatic choice. */
    public static final DeviceRequest AUTO = new DeviceRequest(Kind.AUTO, 0);

    /**
     * Parses a request.
     *
     * @param text {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}
     * @return the request
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static DeviceRequest parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "must be auto, cpu, cuda or cuda:N (N = GPU index), got '" + text + "'");
        }
        String t = m.group();
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("cpu")) {
            return new DeviceRequest(Kind.CPU, 0);
        }
        return new DeviceRequest(Kind.CUDA, m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + index;
        };
    }
}
