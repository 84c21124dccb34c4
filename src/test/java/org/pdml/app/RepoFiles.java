package org.pdml.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The repository files that the deployment consistency tests read: workflow and Kubernetes YAML,
 * shell scripts, Dockerfiles and docs under {@code pipelines/} and {@code infra/}. Paths are
 * relative to the repository root (the working directory of Maven's test runs).
 */
final class RepoFiles {
    /** The folders holding deployment definitions. */
    static final List<Path> DEPLOYMENT = List.of(Path.of("pipelines"), Path.of("infra"));

    private static final YAMLMapper YAML = new YAMLMapper();

    private RepoFiles() {}

    /**
     * Lists the regular files under the deployment folders whose name passes a filter.
     *
     * @param name filter on the file name
     * @return sorted relative paths
     */
    static List<Path> deployment(Predicate<String> name) {
        List<Path> files = new ArrayList<>();
        for (Path root : DEPLOYMENT) {
            files.addAll(walk(root, name));
        }
        return files;
    }

    private static List<Path> walk(Path root, Predicate<String> name) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> name.test(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The user documentation: README.md, then every {@code docs/*.md} in name order.
     *
     * @return relative paths
     */
    static List<Path> userDocs() {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /**
     * Lists the regular files under one folder whose name ends with a suffix.
     *
     * @param root the folder, relative to the repository root
     * @param suffix e.g. {@code .yaml}
     * @return sorted relative paths
     */
    static List<Path> tree(Path root, String suffix) {
        return walk(root, n -> n.endsWith(suffix));
    }

    /** Every YAML file under the deployment folders. */
    static List<Path> yamlFiles() {
        return deployment(n -> n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** Every shell script: {@code *.sh} under the deployment folders, the launcher and CI. */
    static List<Path> shellScripts() {
        List<Path> scripts = new ArrayList<>(deployment(n -> n.endsWith(".sh")));
        scripts.add(Path.of("pdml"));
        scripts.add(Path.of(".ci", "run"));
        return scripts;
    }

    /**
     * Reads a file as UTF-8.
     *
     * @param file the file
     * @return its text
     */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses every document of a YAML file.
     *
     * @param file the file
     * @return the documents, in order
     * @throws IOException naming the file if any document does not parse
     */
    static List<JsonNode> yamlDocuments(Path file) throws IOException {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(read(file)).readAll();
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Collects the text values of every field with a given name anywhere in a YAML tree.
     *
     * @param node the tree
     * @param field the field name, e.g. {@code image}
     * @param into receives the values
     */
    static void collect(JsonNode node, String field, List<JsonNode> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e -> {
                                if (e.getKey().equals(field)) {
                                    into.add(e.getValue());
                                }
                                collect(e.getValue(), field, into);
                            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, field, into));
        }
    }
}
