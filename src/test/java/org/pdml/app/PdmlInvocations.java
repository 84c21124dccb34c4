package org.pdml.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code pdml …} command lines in shell text, Markdown and workflow scripts, as token
 * lists (quotes removed, variables kept verbatim), so tests can check them against the CLI.
 *
 * <p>A command starts at a word {@code pdml}, {@code ./pdml}, {@code dir/pdml}, {@code $pdml} or
 * {@code "$pdml"} in command position (first on the line, or after {@code ( ` ; | &}, environment
 * assignments such as {@code PDML_PROFILE=dataflow} may stand before it) followed by a blank (so
 * {@code kubectl -n pdml} is not one), and ends at the end of the (backslash-joined) line or at an
 * unquoted {@code ; | & ) `} or a redirection.
 */
final class PdmlInvocations {
    /** One command line: where it was found and its tokens after the launcher. */
    record Invocation(String where, List<String> tokens) {
        @Override
        public String toString() {
            return where + ": pdml " + String.join(" ", tokens);
        }
    }

    private static final Pattern LAUNCHER =
            Pattern.compile(
                    "(?:^|[(`;|&])[ \\t]*(?:\\$ )?(?:[A-Z][A-Z0-9_]*=[^ \\t]*[ \\t]+)*"
                            + "(?:\"\\$pdml\"|\\$\\{?pdml}?|(?:\\.{0,2}/)?(?:[\\w.-]+/)*pdml)[ \\t]+");
    private static final Pattern FENCE = Pattern.compile("^\\s*```.*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]+)`");

    private PdmlInvocations() {}

    /**
     * Extracts commands from shell text; full-line comments are skipped.
     *
     * @param text the script
     * @param where file name used in messages
     * @return every command, in order
     */
    static List<Invocation> fromShell(String text, String where) {
        List<Invocation> found = new ArrayList<>();
        for (String line : joinContinuations(text).split("\n")) {
            if (!line.strip().startsWith("#")) {
                found.addAll(fromLine(line, where));
            }
        }
        return found;
    }

    /**
     * Extracts commands from the fenced code blocks of Markdown (every block that is not Python)
     * and, if asked, from its inline code spans.
     *
     * @param markdown the document
     * @param where file name used in messages
     * @param inline whether inline {@code `code`} spans outside blocks count too
     * @return every command, in order
     */
    static List<Invocation> fromMarkdown(String markdown, String where, boolean inline) {
        List<Invocation> found = new ArrayList<>();
        StringBuilder block = null;
        boolean python = false;
        for (String line : markdown.split("\n")) {
            if (FENCE.matcher(line).matches()) {
                if (block == null) {
                    block = new StringBuilder();
                    python = line.contains("python");
                } else {
                    if (!python) {
                        found.addAll(fromShell(block.toString(), where + " (code block)"));
                    }
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            } else if (inline) {
                Matcher m = INLINE_CODE.matcher(line);
                while (m.find()) {
                    found.addAll(fromLine(m.group(1), where + " (inline)"));
                }
            }
        }
        return found;
    }

    private static String joinContinuations(String text) {
        return text.replaceAll("\\\\\\r?\\n[ \\t]*", " ");
    }

    private static List<Invocation> fromLine(String line, String where) {
        List<Invocation> found = new ArrayList<>();
        Matcher m = LAUNCHER.matcher(line);
        int from = 0;
        while (m.find(from)) {
            List<String> tokens = new ArrayList<>();
            int end = tokenize(line, m.end(), tokens);
            if (!tokens.isEmpty()) {
                found.add(new Invocation(where, List.copyOf(tokens)));
            }
            from = Math.max(end, m.end());
        }
        return found;
    }

    /**
     * Splits shell words from {@code start} until an unquoted terminator; returns where it ended.
     */
    private static int tokenize(String line, int start, List<String> tokens) {
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int i = start;
        for (; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else {
                    word.append(ch);
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
                inWord = true;
            } else if (Character.isWhitespace(ch)) {
                inWord = flush(word, inWord, tokens);
            } else if (";|&)`".indexOf(ch) >= 0 || (!inWord && (ch == '>' || ch == '#'))) {
                break;
            } else {
                word.append(ch);
                inWord = true;
            }
        }
        flush(word, inWord, tokens);
        return i;
    }

    private static boolean flush(StringBuilder word, boolean inWord, List<String> tokens) {
        if (inWord) {
            tokens.add(word.toString());
            word.setLength(0);
        }
        return false;
    }
}
