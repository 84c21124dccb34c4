package org.pdml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository stands on its own: no text file points outside it ({@code ../shared/…}, the design
 * notes that only the development machines have), every {@code docs/<file>.md} named anywhere
 * exists, every section cited with it ({@code docs/method.md §1.2}, {@code §2 item 4}, {@code §5
 * oracle 6}) is a heading (or a numbered item of that section) in that file, every relative
 * Markdown link resolves, and outside {@code docs/} the design docs are never named without their
 * folder ({@code method.md §3} would be ambiguous again).
 *
 * <p>Files scanned: what {@code git ls-files} lists when the working directory is a git checkout,
 * else every file outside the ignored build and cache folders; binary files are skipped.
 */
class DocReferencesTest {
    /** Built by concatenation so that this file does not match itself. */
    private static final List<String> FORBIDDEN = List.of(".." + "/shared/", "shared" + "/design");

    private static final Set<String> DESIGN_DOCS =
            Set.of(
                    "method.md",
                    "architecture.md",
                    "operations.md",
                    "stack.md",
                    "datasets.md",
                    "usage.md",
                    "results.md",
                    "ecosystem.md");

    /** This test's own file, whose examples of broken references are deliberate. */
    private static final Path SELF = Path.of("src/test/java/org/pdml/DocReferencesTest.java");

    private static final Set<String> IGNORED_ROOTS =
            Set.of(".git", "target", ".cache", ".venv", "runs", "mlruns", "work", ".gl", ".whl");

    /** {@code docs/x.md} followed by a chain of section references in one phrase. */
    private static final Pattern DOC_REF =
            Pattern.compile(
                    "(?<![\\w/.])(docs/)?([\\w-]+\\.md)"
                            + "((?:\\s*(?:,|and|or|–|-)?\\s*§\\s?\\d+(?:\\.\\d+)*"
                            + "(?:\\s+(?:items?|oracles?)\\s+\\d+)?)*)");

    private static final Pattern SECTION =
            Pattern.compile("§\\s?(\\d+(?:\\.\\d+)*)(?:\\s+(?:items?|oracles?)\\s+(\\d+))?");

    private static final Pattern MD_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static final Pattern HEADING = Pattern.compile("^#+\\s+(.*)$", Pattern.MULTILINE);

    @Test
    void everyReferenceResolvesInsideTheRepository() {
        Path root = Path.of("");
        List<String> problems = new ArrayList<>();
        int refs = 0;
        for (Path file : textFiles(root)) {
            if (file.equals(SELF)) {
                continue;
            }
            String text = readText(root.resolve(file));
            if (text == null) {
                continue;
            }
            List<String> found = problems(file, text, root);
            problems.addAll(found);
            refs += countRefs(text);
        }
        assertThat(refs).as("references to docs/ found (the scan works)").isGreaterThan(50);
        assertThat(problems).as("references that do not resolve inside the repository").isEmpty();
    }

    @Test
    void theCheckerCatchesEachKindOfBrokenReference(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(
                dir.resolve("docs/method.md"),
                "# M\n## 1. Model\n### 1.2 Score\n## 2. Defects\n1. one\n2. two\n## 3. Next\n");
        Path src = Path.of("src/A.java");
        assertThat(problems(src, "docs/method.md §1.2 and §2 item 2", dir)).isEmpty();
        assertThat(problems(src, "(docs/method.md\n * §1.2)", dir)).isEmpty();
        assertThat(problems(src, "docs/method.md §1.3", dir))
                .singleElement()
                .asString()
                .contains("§1.3");
        assertThat(problems(src, "docs/method.md §2 item 3", dir))
                .singleElement()
                .asString()
                .contains("item 3");
        assertThat(problems(src, "docs/method.md §1.2, §4", dir))
                .singleElement()
                .asString()
                .contains("§4");
        assertThat(problems(src, "see docs/missing.md", dir))
                .singleElement()
                .asString()
                .contains("does not exist");
        assertThat(problems(src, "see .." + "/shared/design/x.md", dir)).isNotEmpty();
        assertThat(problems(src, "method.md §1.2", dir))
                .singleElement()
                .asString()
                .contains("without its folder");
        assertThat(problems(Path.of("README.md"), "[m](docs/nothere.md)", dir)).isNotEmpty();
        assertThat(problems(Path.of("docs/x.md"), "[m](method.md) method.md §3", dir)).isEmpty();
        assertThat(problems(Path.of("docs/x.md"), "[m](method.md#3-next)", dir)).isEmpty();
        assertThat(problems(Path.of("docs/x.md"), "[m](method.md#9-none)", dir)).isNotEmpty();
    }

    /** The problems of one file's text, paths resolved against {@code root}. */
    static List<String> problems(Path file, String rawText, Path root) {
        List<String> problems = new ArrayList<>();
        for (String f : FORBIDDEN) {
            if (rawText.contains(f)) {
                problems.add(file + ": points outside the repository (" + f + ")");
            }
        }
        String text = joinWrappedLines(rawText);
        Path fileDir = file.getParent() == null ? Path.of("") : file.getParent();
        boolean inDocs = file.startsWith("docs");
        Matcher m = DOC_REF.matcher(text);
        while (m.find()) {
            String name = m.group(2);
            boolean prefixed = m.group(1) != null;
            if (!prefixed && !DESIGN_DOCS.contains(name)) {
                continue; // README.md, RESULTS.md, …: not a design doc
            }
            if (!prefixed && !inDocs) {
                problems.add(file + ": '" + m.group().strip() + "' names a doc without its folder");
                continue;
            }
            Path doc = prefixed ? root.resolve("docs").resolve(name) : root.resolve("docs/" + name);
            if (!Files.isRegularFile(doc)) {
                problems.add(file + ": '" + m.group().strip() + "': " + doc + " does not exist");
                continue;
            }
            String docText = readText(doc);
            Matcher s = SECTION.matcher(m.group(3));
            while (s.find()) {
                String missing = missingSection(docText, s.group(1), s.group(2));
                if (missing != null) {
                    problems.add(file + ": '" + m.group().strip() + "': " + missing);
                }
            }
        }
        Matcher link = MD_LINK.matcher(text);
        while (link.find() && file.toString().endsWith(".md")) {
            String target = link.group(1);
            if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                continue;
            }
            String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
            Path resolved = root.resolve(fileDir).resolve(path).normalize();
            if (!Files.exists(resolved)) {
                problems.add(file + ": link (" + target + ") does not resolve");
            } else if (target.contains("#") && path.endsWith(".md")) {
                String anchor = target.substring(target.indexOf('#') + 1);
                if (!anchors(readText(resolved)).contains(anchor)) {
                    problems.add(file + ": link (" + target + ") names no heading");
                }
            }
        }
        return problems;
    }

    /** Comment prefixes of wrapped lines removed, so that "docs/x.md\n * §3" reads as one. */
    private static String joinWrappedLines(String text) {
        return text.replaceAll("[ \\t]*\\r?\\n[ \\t]*(?:\\*(?!/)|//|#(?![#\\s]*\\d))?[ \\t]*", " ");
    }

    /**
     * Why a section reference does not resolve, or null. §N(.M)* must be a Markdown heading
     * starting with that number; "item K" / "oracle K" must be a numbered list item K in it.
     */
    static String missingSection(String doc, String number, String item) {
        List<String> lines = doc.lines().toList();
        int start = -1;
        int level = 0;
        Pattern heading = Pattern.compile("^(#+)\\s+" + Pattern.quote(number) + "\\.?(?:\\s|$)");
        for (int i = 0; i < lines.size(); i++) {
            Matcher h = heading.matcher(lines.get(i));
            if (h.find()) {
                start = i;
                level = h.group(1).length();
                break;
            }
        }
        if (start < 0) {
            return "no section §" + number;
        }
        if (item == null) {
            return null;
        }
        Pattern itemLine = Pattern.compile("^\\s*" + item + "\\.\\s");
        for (int i = start + 1; i < lines.size(); i++) {
            Matcher h = Pattern.compile("^(#+)\\s").matcher(lines.get(i));
            if (h.find() && h.group(1).length() <= level) {
                break;
            }
            if (itemLine.matcher(lines.get(i)).find()) {
                return null;
            }
        }
        return "section §" + number + " has no item " + item;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String doc) {
        Set<String> out = new TreeSet<>();
        Matcher h = HEADING.matcher(doc);
        while (h.find()) {
            out.add(
                    h.group(1)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} _-]", "")
                            .replace(' ', '-'));
        }
        return out;
    }

    private static int countRefs(String text) {
        Matcher m = Pattern.compile("docs/[\\w-]+\\.md").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Tracked files (git) or, without git, every file outside the ignored folders. */
    private static List<Path> textFiles(Path root) {
        List<Path> tracked = gitLsFiles(root);
        if (tracked != null) {
            return tracked;
        }
        try (Stream<Path> s = Files.walk(root.toAbsolutePath())) {
            Path abs = root.toAbsolutePath();
            return s.filter(Files::isRegularFile)
                    .map(abs::relativize)
                    .filter(p -> !IGNORED_ROOTS.contains(p.getName(0).toString()))
                    .filter(p -> !p.toString().contains("/.venv"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> gitLsFiles(Path root) {
        try {
            Process p =
                    new ProcessBuilder("git", "ls-files", "-z")
                            .directory(root.toAbsolutePath().toFile())
                            .redirectErrorStream(false)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                return null;
            }
            List<Path> files = new ArrayList<>();
            for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty() && Files.isRegularFile(root.resolve(name))) {
                    files.add(Path.of(name));
                }
            }
            return files.isEmpty() ? null : files;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The file as UTF-8 text, or null for a binary file. */
    private static String readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
