package org.pdml.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a config: built-in base ← {@code extends:} chain (farthest ancestor first) ← the file ←
 * {@code key=value} overrides; then binds and validates it. Every file is checked for unknown keys
 * and wrong types on its own, so errors name the file that holds the bad key.
 */
public final class ConfigLoader {
    /** Built-in defaults, a classpath resource next to this class. */
    static final String BASE = "base.yaml";

    /** The reserved top-level key naming a parent config, relative to the extending file. */
    public static final String EXTENDS = "extends";

    private ConfigLoader() {}

    /**
     * Loads, binds and validates a config file with overrides.
     *
     * @param file the YAML config
     * @param overrides {@code key=value} strings with dotted keys, applied in order
     * @return the resolved config
     * @throws ConfigException on any unreadable file, unknown key, wrong type, missing required
     *     key, bad override, {@code extends} cycle or cross-field rule violation
     */
    public static ResolvedConfig load(Path file, List<String> overrides) {
        ObjectNode tree = base();
        for (FileTree layer : chain(file)) {
            YamlTrees.merge(tree, layer.tree());
        }
        return resolve(tree, overrides, file.toString());
    }

    /**
     * Loads a config given as YAML text (for tests and generated configs).
     *
     * @param yaml YAML text; {@code extends} is not allowed here
     * @param source name used in messages
     * @param overrides {@code key=value} strings
     * @return the resolved config
     * @throws ConfigException as {@link #load}
     */
    public static ResolvedConfig parse(String yaml, String source, List<String> overrides) {
        ObjectNode layer = YamlTrees.parse(yaml, source);
        if (layer.has(EXTENDS)) {
            throw new ConfigException(source + ": 'extends' needs a config file, not text");
        }
        TreeBinder.check(layer, PdmlConfig.class, source);
        ObjectNode tree = base();
        YamlTrees.merge(tree, layer);
        return resolve(tree, overrides, source);
    }

    private static ResolvedConfig resolve(ObjectNode tree, List<String> overrides, String source) {
        Overrides.apply(tree, overrides);
        PdmlConfig config = TreeBinder.bind(tree, PdmlConfig.class, source);
        ConfigValidator.validate(config, source);
        return new ResolvedConfig(config, source);
    }

    /**
     * Returns the built-in defaults tree.
     *
     * @return a fresh copy of {@code base.yaml}, checked for unknown keys and types
     */
    static ObjectNode base() {
        ObjectNode base = YamlTrees.readResource(BASE);
        TreeBinder.check(base, PdmlConfig.class, "built-in " + BASE);
        return base;
    }

    private record FileTree(Path file, ObjectNode tree) {}

    private static Deque<FileTree> chain(Path file) {
        Deque<FileTree> layers = new ArrayDeque<>();
        Set<Path> seen = new LinkedHashSet<>();
        Path current = file;
        while (current != null) {
            Path normal = current.toAbsolutePath().normalize();
            if (!seen.add(normal)) {
                throw new ConfigException(file + ": 'extends' cycle through " + seen);
            }
            ObjectNode tree = YamlTrees.read(current);
            Path parent = parentOf(current, tree.remove(EXTENDS));
            TreeBinder.check(tree, PdmlConfig.class, current.toString());
            layers.addFirst(new FileTree(current, tree));
            current = parent;
        }
        return layers;
    }

    private static Path parentOf(Path file, JsonNode extendsNode) {
        if (extendsNode == null || extendsNode.isNull()) {
            return null;
        }
        if (!extendsNode.isTextual() || extendsNode.textValue().isBlank()) {
            throw new ConfigException(
                    file + ": key 'extends' must be a path to another config, got " + extendsNode);
        }
        Path dir = file.toAbsolutePath().getParent();
        Path parent = dir.resolve(extendsNode.textValue()).normalize();
        return file.isAbsolute() ? parent : relativeIfPossible(parent);
    }

    private static Path relativeIfPossible(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }
}
