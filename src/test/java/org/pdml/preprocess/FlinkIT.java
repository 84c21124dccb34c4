package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.preprocess.testing.BadInputCorpus;

/**
 * The real preprocessing pipeline on an embedded Flink cluster ({@code --flinkMaster=[local]})
 * writes byte-identical shards and rejects, and the same manifest, as the DirectRunner on the same
 * images. Runs in the {@code flink} profile's build, which {@code ./mvnw verify} starts through
 * {@code src/test/flink/flink-it.sh}.
 */
class FlinkIT {
    @TempDir Path tmp;

    @Test
    void flinkWritesTheSameBytesAsTheDirectRunner() throws Exception {
        assumeTrue(
                RunnerChoice.FLINK.available(),
                "the Flink runner is only in the -Pflink build; ./mvnw verify runs FlinkIT there"
                        + " (src/test/flink/flink-it.sh)");
        BadInputCorpus c = BadInputCorpus.create(tmp);
        PreparedDataset d =
                new PreparedDataset("corpus", c.root.toString(), c.entries, c.classes, List.of());
        Path direct = tmp.resolve("direct");
        Path flink = tmp.resolve("flink");
        PreprocessSummary ds =
                PreprocessStage.run(options(RunnerChoice.DIRECT, direct), d, x -> {});
        PreprocessSummary fs = PreprocessStage.run(options(RunnerChoice.FLINK, flink), d, x -> {});

        // Independent oracle first: every good image became a record, every bad one a reject.
        assertThat(fs.records()).isEqualTo(c.good.size());
        assertThat(fs.rejected()).isEqualTo(c.expectedRejects().size());
        assertThat(fs.rejects()).isEqualTo(ds.rejects());
        Map<String, byte[]> directFiles = files(direct);
        Map<String, byte[]> flinkFiles = files(flink);
        assertThat(flinkFiles.keySet()).isEqualTo(directFiles.keySet()).contains("rejects.jsonl");
        assertThat(flinkFiles.keySet().stream().filter(f -> f.endsWith(".tfrecord"))).hasSize(6);
        directFiles.forEach((f, bytes) -> assertThat(flinkFiles.get(f)).as(f).isEqualTo(bytes));
        assertThat(withoutTime(ExamplesArtifact.at(flink).read()))
                .isEqualTo(withoutTime(ExamplesArtifact.at(direct).read()));
        assertThat(ExamplesArtifact.at(flink).verify().problems()).isEmpty();
    }

    private PreprocessOptions options(RunnerChoice runner, Path out) {
        List<String> extra =
                runner == RunnerChoice.FLINK
                        ? List.of("--flinkMaster=[local]", "--parallelism=2")
                        : List.of();
        PreprocessOptions o =
                PipelineOptionsFactory.fromArgs(runner.pipelineArgs(extra).toArray(String[]::new))
                        .as(PreprocessOptions.class);
        o.setDataset("corpus");
        o.setSource(tmp.resolve("root").toString());
        o.setOutput(out.toString());
        o.setImageSize(16);
        o.setNumShards(3);
        o.setMaxPixels(1_000_000L);
        o.setMaxRejectFraction(1.0);
        return o;
    }

    /** Files other than the manifest, by path relative to the folder. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals(ExamplesArtifact.MANIFEST)) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static ExamplesManifest withoutTime(ExamplesManifest m) {
        return m.toBuilder().clearCreatedAt().build();
    }
}
