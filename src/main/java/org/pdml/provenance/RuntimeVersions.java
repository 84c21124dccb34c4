package org.pdml.provenance;

import com.google.protobuf.RuntimeVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Versions of the runtime and the libraries that shape results, read from the version resources
 * that the libraries themselves ship on the classpath (no engine class is loaded):
 *
 * <ul>
 *   <li>{@code djl}: {@code ai/djl/engine/api.properties}, key {@code djl_version}
 *   <li>{@code pytorch}, {@code pytorch_flavor}: {@code native/lib/pytorch.properties} of the
 *       native-library jar, keys {@code version} and {@code flavor}
 *   <li>{@code beam}: {@code org/apache/beam/sdk/sdk.properties}, key {@code version}
 *   <li>{@code protobuf}: {@code com.google.protobuf.RuntimeVersion} (a Maven {@code
 *       pom.properties} is not trusted: shaded copies in other jars carry other versions)
 * </ul>
 *
 * A library missing from the classpath is reported as {@value #ABSENT}.
 */
public final class RuntimeVersions {
    /** The value of a library that is not on the classpath. */
    public static final String ABSENT = "absent";

    private RuntimeVersions() {}

    /**
     * Detects the versions.
     *
     * @return sorted map with keys {@code jdk}, {@code jdk_vendor}, {@code pdml}, {@code djl},
     *     {@code pytorch}, {@code pytorch_flavor}, {@code beam} and {@code protobuf}
     */
    public static SortedMap<String, String> detect() {
        SortedMap<String, String> out = new TreeMap<>();
        out.put("jdk", System.getProperty("java.runtime.version", Runtime.version().toString()));
        out.put("jdk_vendor", System.getProperty("java.vendor", ABSENT));
        String pdml = RuntimeVersions.class.getPackage().getImplementationVersion();
        out.put("pdml", pdml == null ? "dev" : pdml);
        out.put("djl", property("ai/djl/engine/api.properties", "djl_version"));
        out.put("pytorch", property("native/lib/pytorch.properties", "version"));
        out.put("pytorch_flavor", property("native/lib/pytorch.properties", "flavor"));
        out.put("beam", property("org/apache/beam/sdk/sdk.properties", "version"));
        out.put("protobuf", protobufVersion());
        return Collections.unmodifiableSortedMap(out);
    }

    private static String protobufVersion() {
        return RuntimeVersion.MAJOR
                + "."
                + RuntimeVersion.MINOR
                + "."
                + RuntimeVersion.PATCH
                + RuntimeVersion.SUFFIX;
    }

    /**
     * Reads one key of a properties resource.
     *
     * @param resource classpath resource name
     * @param key property key
     * @return the value, or {@link #ABSENT} when the resource or key is missing
     */
    static String property(String resource, String key) {
        ClassLoader loader = RuntimeVersions.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return ABSENT;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, ABSENT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read classpath resource " + resource, e);
        }
    }
}
