package org.pdml.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pdml.provenance.RuntimeVersions;
import org.pdml.util.Sha256;

/**
 * The code a stage runs, as one SHA-256 per stage: over the bytes of every compiled class and
 * resource of pdml in the packages the stage executes ({@link #PACKAGES}), plus the versions of the
 * libraries whose arithmetic it relies on (DJL, libtorch and its flavour, Beam, protobuf). It
 * enters each stage's fingerprint as the input {@code code}, so a stage output is reused only by
 * the build that made it: an upgrade, a fix to a loss or any local edit re-runs the stages whose
 * packages changed, and only those.
 *
 * <p>Dirty trees need no rule of their own: the hash is taken over the compiled bytes the JVM runs,
 * not over a commit id, so uncommitted changes count exactly like committed ones, and two builds of
 * the same sources with the same compiler give the same identity. The hashed text is one line per
 * entry, {@code <path> <sha256>}, sorted by path, then {@code lib.<name>=<version>} lines.
 */
public final class CodeIdentity {
    /**
     * The packages (with their sub-packages) whose code each stage runs: the stage's own and every
     * package below it in docs/architecture.md §4 that it reaches. Training reaches only eval's
     * scoring layer ({@code eval/metrics}, {@code eval/retrieval}), not the eval stage.
     */
    public static final Map<StageName, List<String>> PACKAGES =
            Map.of(
                    StageName.PREPROCESS,
                    List.of("preprocess", "records", "artifacts", "config", "provenance", "util"),
                    StageName.TRAIN,
                    List.of(
                            "math",
                            "model",
                            "loss",
                            "train",
                            "data",
                            "eval/metrics",
                            "eval/retrieval",
                            "records",
                            "artifacts",
                            "config",
                            "provenance",
                            "util"),
                    StageName.EVALUATE,
                    List.of(
                            "eval",
                            "model",
                            "data",
                            "records",
                            "artifacts",
                            "config",
                            "provenance",
                            "util"));

    private static final List<String> LIBRARIES =
            List.of("djl", "pytorch", "pytorch_flavor", "beam", "protobuf");
    private static CodeIdentity running;

    private final Map<StageName, String> byStage;

    private CodeIdentity(Map<StageName, String> byStage) {
        this.byStage = new EnumMap<>(byStage);
    }

    /**
     * The identity of the build this JVM runs (the folder or jar {@code org.pdml} was loaded from),
     * computed once per JVM.
     *
     * @return the identity
     */
    public static synchronized CodeIdentity ofRunningBuild() {
        if (running == null) {
            try {
                Path source =
                        Path.of(
                                CodeIdentity.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI());
                running = of(source, RuntimeVersions.detect());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate pdml's own classes", e);
            }
        }
        return running;
    }

    /**
     * The identity of a build.
     *
     * @param build a classes folder (containing {@code org/pdml/…}) or a jar
     * @param libraries library versions by name (as {@link RuntimeVersions#detect()} gives them)
     * @return the identity
     * @throws UncheckedIOException naming the build if it cannot be read
     */
    public static CodeIdentity of(Path build, Map<String, String> libraries) {
        SortedMap<String, String> entries;
        try {
            entries = Files.isDirectory(build) ? folderEntries(build) : jarEntries(build);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pdml build " + build, e);
        }
        Map<StageName, String> byStage = new EnumMap<>(StageName.class);
        PACKAGES.forEach(
                (stage, packages) -> byStage.put(stage, hash(entries, packages, libraries)));
        return new CodeIdentity(byStage);
    }

    /**
     * The code identity of one stage.
     *
     * @param stage the stage
     * @return 64 lower-case hex digits
     */
    public String of(StageName stage) {
        return byStage.get(stage);
    }

    private static String hash(
            SortedMap<String, String> entries, List<String> packages, Map<String, String> libs) {
        StringBuilder text = new StringBuilder("pdml.code-identity/v1\n");
        entries.forEach(
                (path, sha) -> {
                    if (packages.stream().anyMatch(p -> path.startsWith("org/pdml/" + p + "/"))) {
                        text.append(path).append(' ').append(sha).append('\n');
                    }
                });
        for (String lib : LIBRARIES) {
            text.append("lib.").append(lib).append('=').append(libs.get(lib)).append('\n');
        }
        return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static SortedMap<String, String> folderEntries(Path root) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        Path pdml = root.resolve("org/pdml");
        if (!Files.isDirectory(pdml)) {
            throw new IOException("no org/pdml under " + root);
        }
        try (Stream<Path> walk = Files.walk(pdml)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Sha256.of(p));
            }
        }
        return out;
    }

    private static SortedMap<String, String> jarEntries(Path jar) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory() && e.getName().startsWith("org/pdml/")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        out.put(e.getName(), Sha256.of(in));
                    }
                }
            }
        }
        return out;
    }
}
