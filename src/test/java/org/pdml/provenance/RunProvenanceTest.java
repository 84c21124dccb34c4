package org.pdml.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.ConfigLoader;
import org.pdml.config.ResolvedConfig;

class RunProvenanceTest {
    @TempDir Path dir;

    private static final String CONFIG =
            """
            name: p
            seed: 42
            data: {dataset: csv, source: in.csv, output: out}
            model: {embedding_dim: 8}
            train: {epochs: 2}
            """;

    @Test
    void jsonHoldsEveryFieldAndParsesWithAnIndependentParser() throws Exception {
        ResolvedConfig config = ConfigLoader.parse(CONFIG, "p.yaml", List.of());
        Seeds seeds = new Seeds(config.config().seed());
        long sampler = seeds.seed(Seeds.Purpose.SAMPLER);
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        RunProvenance p =
                RunProvenance.capture(
                        config, seeds, Map.of("examples", "ab\"c"), "cpu()", dir, clock);
        Path file = dir.resolve("run/provenance.json");
        p.writeJson(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("schema").asText()).isEqualTo("pdml.provenance/v1");
        assertThat(json.get("config_hash").asText()).isEqualTo(config.hash());
        assertThat(json.get("manifest_hashes").get("examples").asText()).isEqualTo("ab\"c");
        assertThat(json.get("root_seed").asLong()).isEqualTo(42L);
        assertThat(json.get("seeds").get("train.sampler").asLong()).isEqualTo(sampler);
        assertThat(json.get("git_sha").isNull()).isTrue(); // a temp folder is not a repository
        assertThat(json.get("git_dirty").isNull()).isTrue();
        assertThat(json.get("device").asText()).isEqualTo("cpu()");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.get("os").asText()).startsWith(System.getProperty("os.name"));
        assertThat(json.get("arch").asText()).isEqualTo(System.getProperty("os.arch"));
        assertThat(json.get("host").asText()).isNotBlank();
        assertThat(json.get("versions").get("jdk").asText())
                .isEqualTo(System.getProperty("java.runtime.version"));
    }

    @Test
    void tagsIdentifyTheRun() {
        ResolvedConfig config = ConfigLoader.parse(CONFIG, "p.yaml", List.of());
        RunProvenance p =
                RunProvenance.capture(
                        config,
                        new Seeds(42),
                        Map.of("examples", "h1"),
                        "cpu()",
                        dir,
                        Clock.systemUTC());
        assertThat(p.tags())
                .containsEntry("pdml.config_hash", config.hash())
                .containsEntry("pdml.git_sha", "unknown")
                .containsEntry("pdml.seed", "42")
                .containsEntry("pdml.manifest.examples", "h1")
                .containsEntry("pdml.host", p.host())
                .containsKey("pdml.version.djl");
    }

    /**
     * {@code seed=N} (what {@code pdml run seed=N} applies) changes the root seed and nothing else
     * in the resolved config, and changes every named stream in provenance; the same seed gives the
     * same streams. Every stream is listed, also those no stage asked for yet.
     */
    @Test
    void theRootSeedChangesEveryRecordedStreamAndNothingElseInTheConfig() {
        ResolvedConfig five = ConfigLoader.parse(CONFIG, "p.yaml", List.of("seed=5"));
        ResolvedConfig six = ConfigLoader.parse(CONFIG, "p.yaml", List.of("seed=6"));
        Map<String, String> changed = new TreeMap<>(six.flatten());
        changed.entrySet().removeAll(five.flatten().entrySet());
        assertThat(changed).isEqualTo(Map.of("seed", "6"));
        assertThat(six.flatten().keySet()).isEqualTo(five.flatten().keySet());

        Map<String, Long> a = streams(five);
        Map<String, Long> b = streams(six);
        assertThat(a).hasSize(Seeds.Purpose.values().length).isEqualTo(streams(five));
        assertThat(b).hasSameSizeAs(a);
        a.forEach((stream, seed) -> assertThat(b.get(stream)).as(stream).isNotEqualTo(seed));
        assertThat(
                        RunProvenance.capture(
                                        six,
                                        new Seeds(6),
                                        Map.of(),
                                        "cpu()",
                                        dir,
                                        Clock.systemUTC())
                                .tags())
                .containsEntry("pdml.seed.train.sampler", Long.toString(b.get("train.sampler")))
                .containsEntry("pdml.seed.eval.kmeans", Long.toString(b.get("eval.kmeans")));
    }

    /** The seeds a run of this config records, captured as {@code pdml run} does. */
    private Map<String, Long> streams(ResolvedConfig config) {
        return RunProvenance.capture(
                        config,
                        new Seeds(config.config().seed()),
                        Map.of(),
                        "cpu()",
                        dir,
                        Clock.systemUTC())
                .seeds();
    }

    @Test
    void libraryVersionsMatchTheJarsOnTheClasspath() {
        Map<String, String> v = RuntimeVersions.detect();
        assertThat(v.get("djl")).isEqualTo(versionInClasspath("ai/djl/api/([^/]+)/api-"));
        assertThat(v.get("beam"))
                .isEqualTo(versionInClasspath("beam-sdks-java-core/([^/]+)/beam-sdks-java-core-"));
        assertThat(v.get("pytorch"))
                .startsWith(versionInClasspath("pytorch-native-cpu/([^/]+)/pytorch-native-cpu-"));
        assertThat(v.get("pytorch_flavor")).isEqualTo("cpu");
        assertThat(v.get("protobuf"))
                .isEqualTo(versionInClasspath("protobuf-java/([^/]+)/protobuf-java-"));
        assertThat(RuntimeVersions.property("no/such.properties", "x"))
                .isEqualTo(RuntimeVersions.ABSENT);
    }

    /** Reads a version from the Maven repository path of a jar on the test classpath. */
    private static String versionInClasspath(String regex) {
        Matcher m = Pattern.compile(regex).matcher(System.getProperty("java.class.path"));
        assertThat(m.find()).as("classpath holds %s", regex).isTrue();
        return m.group(1);
    }
}
