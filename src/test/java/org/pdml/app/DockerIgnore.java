package org.pdml.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Docker's {@code .dockerignore} matching, as BuildKit applies it to the build context (the reader
 * of {@code moby/buildkit frontend/dockerfile/dockerignore} and {@code moby/patternmatcher}'s
 * {@code MatchesOrParentMatches}):
 *
 * <ul>
 *   <li>each non-empty line that does not start with {@code #} is a pattern; a leading {@code !}
 *       makes it an exception; the pattern is trimmed, cleaned like Go's {@code filepath.Clean} and
 *       loses one leading {@code /};
 *   <li>{@code *} matches any run of characters but {@code /}, {@code ?} one such character, {@code
 *       **} any number of folders (zero included), {@code [...]} a character class, and {@code \}
 *       escapes the next character;
 *   <li>a pattern excludes a path when it matches the path or one of its parent folders;
 *   <li>patterns apply in order and the last one that matches decides, so an exception after an
 *       exclusion brings a path back.
 * </ul>
 */
final class DockerIgnore {
    private record Rule(Pattern regex, boolean exception, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * Parses the text of a {@code .dockerignore}.
     *
     * @param text the file's content
     * @return the matcher
     */
    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            if (raw.startsWith("#")) {
                continue;
            }
            String p = raw.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean exception = p.startsWith("!");
            if (exception) {
                p = p.substring(1).strip();
            }
            p = clean(p);
            if (p.length() > 1 && p.startsWith("/")) {
                p = p.substring(1);
            }
            rules.add(new Rule(compile(p), exception, raw));
        }
        return new DockerIgnore(rules);
    }

    /**
     * Whether the build context leaves a path out.
     *
     * @param path a path relative to the context root, with {@code /} separators
     * @return true when it is excluded
     */
    boolean excludes(String path) {
        String file = clean(path);
        List<String> parents = new ArrayList<>();
        int slash = -1;
        while ((slash = file.indexOf('/', slash + 1)) >= 0) {
            parents.add(file.substring(0, slash));
        }
        boolean matched = false;
        for (Rule r : rules) {
            if (r.exception() != matched) {
                continue; // cannot change the outcome: same as BuildKit's skip
            }
            boolean match = r.regex().matcher(file).matches();
            for (int i = 0; !match && i < parents.size(); i++) {
                match = r.regex().matcher(parents.get(i)).matches();
            }
            if (match) {
                matched = !r.exception();
            }
        }
        return matched;
    }

    /** Go's {@code filepath.Clean} for relative and absolute slash paths. */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else if (!(part.equals("..") && rooted)) {
                out.add(part);
            }
        }
        String joined = String.join("/", out);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code moby/patternmatcher}'s translation of a pattern into a regular expression. */
    static Pattern compile(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                        i++; // "**/" is read as "**"
                    }
                    re.append(i + 1 >= n ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (".+()|{}$".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else if (c == '\\') {
                re.append('\\');
                if (i + 1 < n) {
                    re.append(pattern.charAt(++i));
                }
            } else {
                re.append(c);
            }
        }
        return Pattern.compile(re.append('$').toString());
    }
}
