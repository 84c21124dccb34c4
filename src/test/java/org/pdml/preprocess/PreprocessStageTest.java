package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesArtifact;
import org.pdml.artifacts.ShardScan;
import org.pdml.artifacts.ShardScanner;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.SplitInfo;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.testing.BadInputCorpus;
import org.pdml.records.ImageRecord;
import org.pdml.records.ImageRecordCodec;
import org.pdml.records.ShardNames;
import org.pdml.records.TfRecordReader;

class PreprocessStageTest {
    @TempDir Path tmp;

    private PreprocessOptions options(Path out, double maxRejectFraction) {
        PreprocessOptions o = PipelineOptionsFactory.as(PreprocessOptions.class);
        o.setDataset("corpus");
        o.setSource(tmp.resolve("root").toString());
        o.setOutput(out.toString());
        o.setImageSize(16);
        o.setNumShards(3);
        o.setMaxPixels(1_000_000L);
        o.setMaxRejectFraction(maxRejectFraction);
        return o;
    }

    private PreparedDataset dataset(BadInputCorpus c) {
        return new PreparedDataset("corpus", c.root.toString(), c.entries, c.classes, List.of());
    }

    @Test
    void writesEveryGoodRecordAndRejectsEveryBadInputWithItsReason() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        List<String> log = new ArrayList<>();
        PreprocessSummary s = PreprocessStage.run(options(out, 1.0), dataset(c), log::add);

        Map<String, ImageRecord> written = readAll(out);
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(c.good.keySet());
        c.good.forEach((id, label) -> assertThat(written.get(id).label()).as(id).isEqualTo(label));
        assertThat(written.values())
                .allSatisfy(r -> assertThat(Math.min(r.width(), r.height())).isEqualTo(16));

        List<String> rejects = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("rejects.jsonl"))) {
            Reject r = RejectJson.parse(line);
            rejects.add(r.id() + ":" + r.reason());
        }
        assertThat(rejects).containsExactlyInAnyOrderElementsOf(c.expectedRejects());

        Map<RejectReason, Long> expectedCounts = new TreeMap<>();
        c.expectedRejects()
                .forEach(
                        x ->
                                expectedCounts.merge(
                                        RejectReason.valueOf(x.split(":")[1]), 1L, Long::sum));
        assertThat(s.rejects()).isEqualTo(expectedCounts);
        assertThat(s.records()).isEqualTo(c.good.size());
        assertThat(s.entries()).isEqualTo(c.entries.size());
        // Every index entry ends as exactly one record or one reject, over 25+ kinds of input.
        assertThat(c.kinds()).isGreaterThanOrEqualTo(25);
        assertThat(s.records() + s.rejects().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(c.entries.size());
        assertThat(log.get(log.size() - 1)).contains("rejected " + c.expectedRejects().size());
        ExamplesManifest manifest = ExamplesArtifact.at(out).read();
        assertThat(ExamplesArtifact.at(out).verify().problems()).isEmpty();
        assertThat(manifest.getDataset()).isEqualTo("corpus");
        assertThat(manifest.getRejectedCount()).isEqualTo(c.expectedRejects().size());
        assertThat(manifest.getParams().getImageSize()).isEqualTo(16);
        assertThat(manifest.getSplitsList())
                .extracting(SplitInfo::getName)
                .containsExactly("train", "test");
        assertThat(manifest.getSplitsList().stream().mapToLong(SplitInfo::getRecordCount).sum())
                .isEqualTo(c.good.size());
    }

    @Test
    void indexRejectsReachTheRejectsFileAndTheCounters() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        List<Reject> fromIndex =
                List.of(
                        new Reject(
                                "a/rgb.jpg",
                                "dup-row",
                                RejectReason.DUPLICATE_ID,
                                "index.csv:3: duplicate id"),
                        new Reject(
                                "c/x.jpg",
                                "odd-class",
                                RejectReason.UNKNOWN_LABEL,
                                "index.csv:4: unknown class"));
        PreparedDataset d =
                new PreparedDataset(
                        "corpus", c.root.toString(), c.entries, c.classes, List.of(), fromIndex);
        Path out = tmp.resolve("out");
        PreprocessSummary s = PreprocessStage.run(options(out, 1.0), d, x -> {});
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("rejects.jsonl"))) {
            ids.add(RejectJson.parse(line).id());
        }
        assertThat(ids).contains("dup-row", "odd-class");
        assertThat(s.entries()).isEqualTo(c.entries.size() + 2);
        assertThat(s.rejected()).isEqualTo(c.expectedRejects().size() + 2);
        assertThat(s.rejects().get(RejectReason.UNKNOWN_LABEL)).isEqualTo(2);
    }

    @Test
    void everyEntryIsCountedLiveAsItPassesTheDoFns() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        PreprocessOptions o = options(tmp.resolve("out"), 1.0);
        PreprocessStage.build(o, dataset(c)).run().waitUntilFinish();
        LiveProgress live = LiveProgress.of(o);
        // The one duplicate row is refused on the driver; every other entry is read exactly once.
        assertThat(live.read()).isEqualTo(c.entries.size() - 1);
        assertThat(live.encoded()).isEqualTo(c.good.size());
        assertThat(live.rejected()).isEqualTo(c.expectedRejects().size());
        LiveProgress.release(o);
    }

    @Test
    void shardsHoldTheirIdsSortedAndEveryShardExists() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        PreprocessStage.run(options(out, 1.0), dataset(c), x -> {});
        for (String split : List.of("train", "test")) {
            for (int i = 0; i < 3; i++) {
                Path shard = out.resolve(ShardNames.format(split, i, 3));
                List<String> ids = new ArrayList<>();
                try (TfRecordReader r = TfRecordReader.open(shard)) {
                    for (byte[] b = r.next(); b != null; b = r.next()) {
                        ImageRecord rec = ImageRecordCodec.decode(b);
                        assertThat(ShardNames.shardOf(rec.id(), 3)).isEqualTo(i);
                        assertThat(rec.split()).isEqualTo(split);
                        ids.add(rec.id());
                    }
                }
                assertThat(ids).isSorted();
            }
        }
    }

    @Test
    void twoRunsOnTheSameInputGiveIdenticalShardBytes() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        PreprocessStage.run(options(tmp.resolve("one"), 1.0), dataset(c), x -> {});
        PreprocessStage.run(options(tmp.resolve("two"), 1.0), dataset(c), x -> {});
        Map<String, String> one = shardHashes(tmp.resolve("one"));
        assertThat(one).hasSize(6);
        assertThat(shardHashes(tmp.resolve("two"))).isEqualTo(one);
        assertThat(Files.readAllBytes(tmp.resolve("two/rejects.jsonl")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("one/rejects.jsonl")));
    }

    @Test
    void theWritersReportsMatchAReadBackOfTheShardsAndAreRemoved() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        PreprocessSummary s = PreprocessStage.run(options(out, 1.0), dataset(c), x -> {});
        List<ShardStat> inPathOrder = new ArrayList<>();
        Map<Integer, Long> readBackCounts = new TreeMap<>();
        for (String rel : ExamplesArtifact.at(out).allShardsOnDisk()) {
            ShardScan scan = ShardScanner.scan(out, rel);
            assertThat(scan.problem()).isEmpty();
            inPathOrder.add(
                    new ShardStat(rel, scan.recordCount(), scan.sha256(), scan.sizeBytes()));
            scan.labelCounts().forEach((label, n) -> readBackCounts.merge(label, n, Long::sum));
        }
        inPathOrder.sort(java.util.Comparator.comparing(ShardStat::relativePath));
        assertThat(s.shards()).hasSize(6).isEqualTo(inPathOrder);
        assertThat(s.classCounts()).isEqualTo(readBackCounts);
        Map<Integer, Long> fromRecords = new TreeMap<>();
        readAll(out).values().forEach(r -> fromRecords.merge(r.label(), 1L, Long::sum));
        assertThat(s.classCounts()).isEqualTo(fromRecords);
        assertThat(out.resolve(WrittenShards.FOLDER)).doesNotExist();
    }

    @Test
    void overwriteAcceptsTheReportsACrashedRunLeftBehind() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        Path left =
                out.resolve(WrittenShards.FOLDER).resolve("train.part-00000-of-00003.tfrecord.txt");
        Files.createDirectories(left.getParent());
        Files.writeString(left, "left by a crashed run");
        PreprocessOptions o = options(out, 1.0);
        assertThatThrownBy(() -> PreprocessStage.run(o, dataset(c), x -> {}))
                .hasMessageContaining("--overwrite");
        o.setOverwrite(true);
        PreprocessStage.run(o, dataset(c), x -> {});
        assertThat(readAll(out)).hasSize(c.good.size());
        assertThat(out.resolve(WrittenShards.FOLDER)).doesNotExist();
    }

    @Test
    void refusesANonEmptyOutputUnlessOverwriteIsSet() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("manifest.json"), "{}");
        assertThatThrownBy(() -> PreprocessStage.run(options(out, 1.0), dataset(c), x -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--overwrite");
        Files.writeString(out.resolve("notes.txt"), "mine");
        PreprocessOptions overwrite = options(out, 1.0);
        overwrite.setOverwrite(true);
        assertThatThrownBy(() -> PreprocessStage.run(overwrite, dataset(c), x -> {}))
                .hasMessageContaining("notes.txt");
        Files.delete(out.resolve("notes.txt"));
        PreprocessStage.run(overwrite, dataset(c), x -> {});
        assertThat(readAll(out)).hasSize(c.good.size());
    }

    @Test
    void failsWithoutAManifestWhenTooManyEntriesAreRejected() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        double fraction = (c.expectedRejects().size()) / (double) c.entries.size();
        assertThatThrownBy(
                        () ->
                                PreprocessStage.run(
                                        options(out, fraction - 0.01), dataset(c), x -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max-reject-fraction");
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve(".out" + OutputFolder.PARTIAL).resolve("rejects.jsonl")).exists();
    }

    @Test
    void anOutputFolderHoldingOnlyEmptyFoldersCountsAsEmpty() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        // What a kill early in the pipeline left behind before outputs were staged.
        Files.createDirectories(out.resolve("train"));
        Files.createDirectories(out.resolve("test"));
        PreprocessStage.run(options(out, 1.0), dataset(c), x -> {});
        assertThat(ExamplesArtifact.at(out).verify().problems()).isEmpty();
    }

    @Test
    void aLocalRunWritesBesideTheOutputAndDeletesEarlierLeftovers() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        Path partial = tmp.resolve(".out" + OutputFolder.PARTIAL);
        Path old = tmp.resolve(".out" + OutputFolder.OLD);
        Files.createDirectories(partial.resolve("train"));
        Files.writeString(partial.resolve("train/part-00000-of-00003.tfrecord"), "cut");
        Files.createDirectories(old);
        List<Boolean> staged = new ArrayList<>();
        PreprocessStage.run(
                options(out, 1.0),
                dataset(c),
                line -> staged.add(Files.isDirectory(partial) && !Files.exists(out)));
        assertThat(staged).isNotEmpty().containsOnly(true);
        assertThat(partial).doesNotExist();
        assertThat(old).doesNotExist();
        assertThat(readAll(out)).hasSize(c.good.size());
    }

    @Test
    void aFailedOverwriteLeavesTheCompleteOutputAsItWas() throws Exception {
        BadInputCorpus c = BadInputCorpus.create(tmp);
        Path out = tmp.resolve("out");
        PreprocessStage.run(options(out, 1.0), dataset(c), x -> {});
        Map<String, String> before = shardHashes(out);
        byte[] manifest = Files.readAllBytes(out.resolve("manifest.json"));
        PreprocessOptions strict = options(out, 0.0);
        strict.setOverwrite(true);
        assertThatThrownBy(() -> PreprocessStage.run(strict, dataset(c), x -> {}))
                .hasMessageContaining("max-reject-fraction");
        assertThat(shardHashes(out)).isEqualTo(before);
        assertThat(Files.readAllBytes(out.resolve("manifest.json"))).isEqualTo(manifest);
    }

    static Map<String, ImageRecord> readAll(Path out) throws IOException {
        Map<String, ImageRecord> all = new HashMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tfrecord")).toList()) {
                try (TfRecordReader r = TfRecordReader.open(f)) {
                    for (byte[] b = r.next(); b != null; b = r.next()) {
                        ImageRecord rec = ImageRecordCodec.decode(b);
                        assertThat(all.put(rec.id(), rec))
                                .as("id written twice: " + rec.id())
                                .isNull();
                    }
                }
            }
        }
        return all;
    }

    static Map<String, String> shardHashes(Path out) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tfrecord")).toList()) {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                hashes.put(out.relativize(f).toString(), HexFormat.of().formatHex(d));
            }
        }
        return hashes;
    }
}
