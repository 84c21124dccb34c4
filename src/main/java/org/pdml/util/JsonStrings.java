package org.pdml.util;

/**
 * JSON string literals for the hand-written JSON of pdml (the canonical config form, provenance),
 * the one owner of JSON string escaping. A literal is the text in double quotes with {@code "} and
 * {@code \} escaped by a backslash and every control character below U+0020 written as a backslash,
 * {@code u} and four lower-case hex digits; every other character, non-ASCII included, is written
 * as it is, so the same text always gives the same literal.
 */
public final class JsonStrings {

    private JsonStrings() {}

    /**
     * Appends a string as a JSON string literal.
     *
     * @param s the text
     * @param out where the literal is appended
     */
    public static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /**
     * Returns a string as a JSON string literal.
     *
     * @param s the text
     * @return the literal, quotes included
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }
}
