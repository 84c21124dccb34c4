package org.pdml.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile as the image tests read it: the build commands in its header comment, and its
 * instructions, resolved for one set of build args into the {@link Image} a container starts from
 * (ENV, WORKDIR, COPY, RUN, ENTRYPOINT). Only the instruction forms that pdml's Dockerfiles use are
 * understood; anything else fails, naming the file and line, so a new form cannot slip past the
 * tests unread.
 *
 * @param file the Dockerfile
 * @param builds the header's build commands, one per image
 * @param instructions the instructions in order, continuation lines joined
 */
record DockerfileSpec(Path file, List<BuildCommand> builds, List<Instruction> instructions) {

    private static final Pattern ENV_PAIR =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S+))");
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** One instruction: its keyword (upper case) and its arguments, continuations joined. */
    record Instruction(String keyword, String args, int line) {}

    /**
     * One image's build: {@code ./mvnw ... -P<profiles> ... && docker build -f <file> [--build-arg
     * K=V]... -t <tag> .}.
     *
     * @param tag the image tag, e.g. {@code pdml:cpu}
     * @param profiles the Maven profiles of the jar build before it, empty without one
     * @param buildArgs the {@code --build-arg} values
     * @param dockerfile the {@code -f} argument
     */
    record BuildCommand(
            String tag, List<String> profiles, Map<String, String> buildArgs, String dockerfile) {}

    /** A COPY: sources relative to the build context, and the destination in the image. */
    record Copy(List<String> sources, String destination) {}

    /**
     * What a container of the image starts from.
     *
     * @param env the ENV values, in order, variables substituted
     * @param workdir the last WORKDIR
     * @param copies the COPY instructions
     * @param runs the RUN commands (shell form), in order
     * @param entrypoint the exec-form ENTRYPOINT, empty where the file sets none (the base's)
     */
    record Image(
            Map<String, String> env,
            String workdir,
            List<Copy> copies,
            List<String> runs,
            List<String> entrypoint) {}

    /**
     * Reads a Dockerfile.
     *
     * @param file the Dockerfile
     * @return its header's build commands and its instructions
     */
    static DockerfileSpec read(Path file) {
        List<String> lines = RepoFiles.read(file).lines().toList();
        List<String> header = new ArrayList<>();
        int i = 0;
        for (; i < lines.size() && lines.get(i).startsWith("#"); i++) {
            header.add(lines.get(i).substring(1).strip());
        }
        List<BuildCommand> builds = new ArrayList<>();
        for (String h : joinContinuations(header)) {
            if (h.contains("docker build ")) {
                builds.add(buildCommand(h));
            }
        }
        return new DockerfileSpec(file, builds, instructions(lines, i));
    }

    private static List<String> joinContinuations(List<String> header) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String h : header) {
            boolean more = h.endsWith("\\");
            cur.append(more ? h.substring(0, h.length() - 1) : h).append(' ');
            if (!more) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        return out;
    }

    private static BuildCommand buildCommand(String line) {
        List<String> profiles = new ArrayList<>();
        Map<String, String> args = new LinkedHashMap<>();
        String tag = null;
        String dockerfile = null;
        List<String> t = Arrays.asList(line.split("\\s+"));
        for (int k = 0; k < t.size(); k++) {
            String w = t.get(k);
            if (w.startsWith("-P")) {
                profiles.addAll(List.of(w.substring(2).split(",")));
            } else if (w.equals("-t")) {
                tag = t.get(k + 1);
            } else if (w.equals("-f")) {
                dockerfile = t.get(k + 1);
            } else if (w.equals("--build-arg")) {
                String[] kv = t.get(k + 1).split("=", 2);
                args.put(kv[0], kv[1]);
            }
        }
        if (tag == null || dockerfile == null || !line.endsWith(" .")) {
            throw new IllegalArgumentException("not a full docker build command: " + line);
        }
        return new BuildCommand(tag, profiles, args, dockerfile);
    }

    private static List<Instruction> instructions(List<String> lines, int from) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int start = -1;
        for (int n = from; n < lines.size(); n++) {
            String l = lines.get(n).strip();
            if (l.startsWith("#") || (l.isEmpty() && cur.isEmpty())) {
                continue; // comments inside a continuation are dropped, as Docker does
            }
            if (cur.isEmpty()) {
                start = n + 1;
            }
            boolean more = l.endsWith("\\");
            cur.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
            if (!more) {
                String text = cur.toString().strip();
                String[] kw = text.split("\\s+", 2);
                out.add(
                        new Instruction(
                                kw[0].toUpperCase(Locale.ROOT), kw.length > 1 ? kw[1] : "", start));
                cur.setLength(0);
            }
        }
        return out;
    }

    /**
     * The image this file builds with the given build args.
     *
     * @param buildArgs {@code --build-arg} values (unset ARGs take their defaults)
     * @param outside values of variables the base image defines (e.g. {@code PATH})
     * @return the resolved image
     */
    Image image(Map<String, String> buildArgs, Map<String, String> outside) {
        Map<String, String> vars = new LinkedHashMap<>(outside);
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = "/";
        List<Copy> copies = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        List<String> entrypoint = null;
        for (Instruction in : instructions) {
            String a = in.args();
            switch (in.keyword()) {
                case "FROM" -> {}
                case "ARG" -> {
                    String[] kv = a.split("=", 2);
                    String value = buildArgs.getOrDefault(kv[0], kv.length > 1 ? kv[1] : "");
                    vars.put(kv[0], value);
                }
                case "ENV" -> {
                    Matcher m = ENV_PAIR.matcher(a);
                    while (m.find()) {
                        String raw = m.group(3) != null ? m.group(3) : m.group(4);
                        String value = substitute(raw, vars, in);
                        env.put(m.group(1), value);
                        vars.put(m.group(1), value);
                    }
                }
                case "WORKDIR" -> workdir = substitute(a, vars, in);
                case "COPY" -> copies.add(copy(substitute(a, vars, in), in));
                case "RUN" -> runs.add(a);
                case "ENTRYPOINT" -> entrypoint = execForm(a, in);
                default -> throw unsupported(in);
            }
        }
        return new Image(env, workdir, copies, runs, entrypoint == null ? List.of() : entrypoint);
    }

    private String substitute(String text, Map<String, String> vars, Instruction in) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = vars.get(name);
            if (value == null) {
                throw new IllegalArgumentException(
                        file + ":" + in.line() + ": $" + name + " is neither an ARG nor an ENV");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private Copy copy(String args, Instruction in) {
        if (args.startsWith("--") || args.startsWith("[")) {
            throw unsupported(in);
        }
        List<String> parts = List.of(args.split("\\s+"));
        return new Copy(parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1));
    }

    private List<String> execForm(String args, Instruction in) {
        try {
            return List.of(new ObjectMapper().readValue(args, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ":" + in.line() + ": not an exec form", e);
        }
    }

    private IllegalArgumentException unsupported(Instruction in) {
        return new IllegalArgumentException(
                file
                        + ":"
                        + in.line()
                        + ": the image tests do not understand "
                        + in.keyword()
                        + " "
                        + in.args());
    }

    /**
     * The build command that makes a tag.
     *
     * @param tag e.g. {@code pdml:cpu}
     * @return the command
     */
    BuildCommand build(String tag) {
        return builds.stream()
                .filter(b -> b.tag().equals(tag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " does not build " + tag));
    }
}
