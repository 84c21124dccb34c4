package org.pdml.tracking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything that leaves the process: params, tags, artifact bytes and log
 * lines. Three rules, applied in order:
 *
 * <ol>
 *   <li>a value whose key names a secret ({@code token}, {@code password}, {@code secret}, {@code
 *       credential}, {@code api_key}/{@code apikey}, {@code access_key}) becomes {@link #MASK};
 *   <li>every occurrence of a known secret value (taken from the environment) becomes {@link
 *       #MASK};
 *   <li>the user-info of any URI ({@code scheme://user:pass@host}) becomes {@link #MASK}.
 * </ol>
 */
public final class SecretRedactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** Shorter values are not treated as secrets: masking "1" everywhere would ruin metrics. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|passw|secret|credential|api_?key|access_?key).*");
    private static final Pattern URI_USERINFO =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s\"']+@");

    private final List<String> secrets;

    private SecretRedactor(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /**
     * A redactor that knows the values of every environment variable whose name names a secret
     * (e.g. {@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_TRACKING_PASSWORD}).
     *
     * @param env the environment, usually {@code System.getenv()}
     * @return the redactor
     */
    public static SecretRedactor fromEnvironment(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach(
                (name, value) -> {
                    if (isSecretName(name) && value != null) {
                        values.add(value);
                    }
                });
        return of(values);
    }

    /**
     * A redactor for the given secret values; values shorter than {@value #MIN_SECRET_LENGTH}
     * characters are ignored.
     *
     * @param values secret values
     * @return the redactor
     */
    public static SecretRedactor of(List<String> values) {
        List<String> kept = new ArrayList<>();
        for (String v : values) {
            if (v.length() >= MIN_SECRET_LENGTH && !kept.contains(v)) {
                kept.add(v);
            }
        }
        // Longest first, so a secret that contains another is masked whole.
        kept.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretRedactor(kept);
    }

    /**
     * Returns a copy that also masks {@code more}.
     *
     * @param more further secret values
     * @return the extended redactor
     */
    public SecretRedactor with(List<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return of(all);
    }

    /**
     * Whether a key or variable name denotes a secret.
     *
     * @param name a param, tag or environment variable name
     * @return true for names like {@code db.password} or {@code MLFLOW_TRACKING_TOKEN}
     */
    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Redacts a keyed value (a param or tag).
     *
     * @param key the param or tag key
     * @param value its value
     * @return {@link #MASK} for secret keys, else {@link #redact(String)} of the value
     */
    public String redactValue(String key, String value) {
        return isSecretName(key) ? MASK : redact(value);
    }

    /**
     * Redacts free text: known secret values and URI user-info.
     *
     * @param text any text, e.g. a log line or an error message
     * @return the text without secrets
     */
    public String redact(String text) {
        String out = Objects.requireNonNull(text, "text");
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return URI_USERINFO.matcher(out).replaceAll("$1" + MASK + "@");
    }

    /**
     * Redacts file content. Known secret values are masked byte-wise (works for any encoding that
     * stores them as UTF-8); URI user-info is masked only when the bytes are valid UTF-8 text.
     *
     * @param content file bytes
     * @return the same array when nothing was found, else redacted bytes
     */
    public byte[] redact(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        boolean isText = java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), content);
        if (isText) {
            String redacted = redact(text);
            return redacted.equals(text) ? content : redacted.getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = content;
        for (String s : secrets) {
            out = replaceBytes(out, s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] replaceBytes(byte[] data, byte[] secret) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length);
        byte[] mask = MASK.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < data.length) {
            if (startsWith(data, i, secret)) {
                out.writeBytes(mask);
                i += secret.length;
            } else {
                out.write(data[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (data[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
