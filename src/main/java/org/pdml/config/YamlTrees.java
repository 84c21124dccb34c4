package org.pdml.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads, merges and writes YAML mapping trees. The only place that touches the YAML parser;
 * duplicate keys are errors, and an empty file is an empty mapping.
 */
final class YamlTrees {
    private static final YAMLMapper MAPPER =
            YAMLMapper.builder(
                            YAMLFactory.builder()
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                    // A string such as "2024" must stay a string on reload.
                                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .build())
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .build();

    private YamlTrees() {}

    /**
     * Reads a YAML file whose top level is a mapping.
     *
     * @param file the file
     * @return its tree (an empty mapping for an empty file)
     * @throws ConfigException if the file is missing, unreadable, not YAML or not a mapping
     */
    static ObjectNode read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file does not exist", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a YAML resource from the classpath.
     *
     * @param name resource name relative to this package
     * @return its tree
     * @throws ConfigException if the resource is missing or invalid
     */
    static ObjectNode readResource(String name) {
        try (InputStream in = YamlTrees.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ConfigException("built-in " + name + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + name);
        } catch (IOException e) {
            throw new ConfigException("cannot read built-in " + name, e);
        }
    }

    /**
     * Parses YAML text whose top level is a mapping.
     *
     * @param text YAML text
     * @param source name used in messages
     * @return the tree
     * @throws ConfigException on a syntax error, a duplicate key or a non-mapping top level
     */
    static ObjectNode parse(String text, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    source + ": invalid YAML: " + e.getOriginalMessage() + location(e), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source + ": top level must be a mapping of keys");
        }
        return (ObjectNode) tree;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line "
                        + e.getLocation().getLineNr()
                        + ", column "
                        + e.getLocation().getColumnNr()
                        + ")";
    }

    /**
     * Overlays one tree on another: mappings merge key by key, anything else (scalars, lists, null)
     * replaces.
     *
     * @param base the tree to modify in place
     * @param overlay the tree whose values win
     */
    static void merge(ObjectNode base, JsonNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode existing = base.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * Returns a fresh empty mapping.
     *
     * @return an empty object node
     */
    static ObjectNode newMapping() {
        return MAPPER.createObjectNode();
    }

    /**
     * Writes a tree as YAML text.
     *
     * @param tree the tree
     * @return YAML text ending in a newline
     */
    static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /**
     * Converts a plain Java value tree (maps, lists, strings, numbers, booleans, null) to a node.
     *
     * @param value the value
     * @return the node
     */
    static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }
}
