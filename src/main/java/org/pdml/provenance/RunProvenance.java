package org.pdml.provenance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.config.ResolvedConfig;

/**
 * Where a run's results came from: enough to rerun it (code, config, data, seeds) and to explain
 * differences (library versions, platform, device). Written as {@code provenance.json} in the run
 * folder and as tracking tags.
 *
 * @param gitSha HEAD commit, or null when unavailable
 * @param gitDirty whether the work tree differed from HEAD; null when unavailable
 * @param configHash SHA-256 of the canonical resolved config
 * @param manifestHashes SHA-256 of each input data manifest, by name (e.g. {@code examples})
 * @param rootSeed the config's seed
 * @param seeds every named stream of the root seed, by key ({@link Seeds#streams()})
 * @param versions runtime and library versions ({@link RuntimeVersions})
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param device compute device, as reported by the engine (e.g. {@code cpu()}, {@code gpu(0)})
 * @param host host name
 * @param timestamp when the provenance was captured (UTC)
 */
public record RunProvenance(
        String gitSha,
        Boolean gitDirty,
        String configHash,
        SortedMap<String, String> manifestHashes,
        long rootSeed,
        SortedMap<String, Long> seeds,
        SortedMap<String, String> versions,
        String os,
        String arch,
        String device,
        String host,
        Instant timestamp) {

    /** Version of the JSON layout written by {@link #toJson()}. */
    public static final String SCHEMA = "pdml.provenance/v1";

    /** Copies the maps so the record stays immutable and sorted. */
    public RunProvenance {
        manifestHashes = Collections.unmodifiableSortedMap(new TreeMap<>(manifestHashes));
        seeds = Collections.unmodifiableSortedMap(new TreeMap<>(seeds));
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    /**
     * Captures the provenance of a run in this JVM.
     *
     * @param config the resolved config
     * @param seeds the run's seed owner (every stream is recorded)
     * @param manifestHashes SHA-256 of each input manifest, by name
     * @param device the compute device as the engine names it (the caller asks the engine, so this
     *     package loads no engine)
     * @param workTree a folder inside the git work tree of the code
     * @param clock the clock for the timestamp
     * @return the provenance
     */
    public static RunProvenance capture(
            ResolvedConfig config,
            Seeds seeds,
            Map<String, String> manifestHashes,
            String device,
            Path workTree,
            Clock clock) {
        return capture(config.hash(), seeds, manifestHashes, device, workTree, clock);
    }

    /**
     * Captures the provenance of a step that has no pdml config (e.g. {@code pdml preprocess},
     * driven by options): the caller hashes the settings that shape its output.
     *
     * @param configHash SHA-256 of the step's canonical settings
     * @param seeds the step's seed owner, built from its root seed (every stream is recorded)
     * @param manifestHashes SHA-256 of each input or output manifest, by name
     * @param device the compute device, as the engine names it, or {@code cpu} for CPU-only steps
     * @param workTree a folder inside the git work tree of the code
     * @param clock the clock for the timestamp
     * @return the provenance
     */
    public static RunProvenance capture(
            String configHash,
            Seeds seeds,
            Map<String, String> manifestHashes,
            String device,
            Path workTree,
            Clock clock) {
        GitState git = GitState.probe(workTree);
        return new RunProvenance(
                git.sha(),
                git.dirty(),
                configHash,
                new TreeMap<>(manifestHashes),
                seeds.root(),
                seeds.streams(),
                RuntimeVersions.detect(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                device,
                hostName(),
                clock.instant());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // The host name is informative only; an unresolvable host must not stop a run.
            return "unknown";
        }
    }

    /**
     * Returns the provenance as indented JSON with a fixed key order and a {@code schema} field.
     *
     * @return JSON text
     */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", SCHEMA);
        out.put("git_sha", gitSha);
        out.put("git_dirty", gitDirty);
        out.put("config_hash", configHash);
        out.put("manifest_hashes", manifestHashes);
        out.put("root_seed", rootSeed);
        out.put("seeds", seeds);
        out.put("versions", versions);
        out.put("os", os);
        out.put("arch", arch);
        out.put("device", device);
        out.put("host", host);
        out.put("timestamp", timestamp.toString());
        return JsonText.write(out);
    }

    /**
     * Writes {@link #toJson()} to a file, creating parent folders.
     *
     * @param file e.g. {@code <run>/provenance.json}
     * @throws IOException if it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /**
     * Returns the fields that identify a run as flat tracking tags.
     *
     * @return tags {@code pdml.git_sha}, {@code pdml.git_dirty}, {@code pdml.config_hash}, {@code
     *     pdml.seed} (the root), {@code pdml.seed.<stream>} (e.g. {@code pdml.seed.train.sampler}),
     *     {@code pdml.device}, {@code pdml.host}, {@code pdml.manifest.<name>} and {@code
     *     pdml.version.<library>}; unavailable values are written {@code unknown}
     */
    public SortedMap<String, String> tags() {
        SortedMap<String, String> tags = new TreeMap<>();
        tags.put("pdml.git_sha", gitSha == null ? "unknown" : gitSha);
        tags.put("pdml.git_dirty", gitDirty == null ? "unknown" : gitDirty.toString());
        tags.put("pdml.config_hash", configHash);
        tags.put("pdml.seed", Long.toString(rootSeed));
        seeds.forEach((k, v) -> tags.put("pdml.seed." + k, Long.toString(v)));
        tags.put("pdml.device", device);
        tags.put("pdml.host", host);
        manifestHashes.forEach((k, v) -> tags.put("pdml.manifest." + k, v));
        versions.forEach((k, v) -> tags.put("pdml.version." + k, v));
        return Collections.unmodifiableSortedMap(tags);
    }
}
