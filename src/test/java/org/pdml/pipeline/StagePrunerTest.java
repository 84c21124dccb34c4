package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.StageArtifact;

class StagePrunerTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir Path root;

    /** A stage folder with {@code bytes} of content; complete when it has its stage.json. */
    private Path folder(StageName stage, String fp, int bytes, boolean complete)
            throws IOException {
        Path dir =
                Files.createDirectories(
                        root.resolve("stages").resolve(stage.wireName()).resolve(fp));
        Files.write(dir.resolve("payload.bin"), new byte[bytes]);
        if (complete) {
            Files.writeString(StageArtifact.at(dir).manifestPath(), "{}");
        }
        return dir;
    }

    /** A run folder whose stages.json names the given train and evaluate fingerprints. */
    private void run(String experiment, String stamp, String trainFp, String evalFp)
            throws IOException {
        Path run = Files.createDirectories(root.resolve(experiment).resolve(stamp + "_demo"));
        Map<StageName, StageOutput> outputs = new EnumMap<>(StageName.class);
        outputs.put(StageName.TRAIN, output(StageName.TRAIN, trainFp));
        if (evalFp != null) {
            outputs.put(StageName.EVALUATE, output(StageName.EVALUATE, evalFp));
        }
        RunFolder.record(run, outputs);
    }

    private StageOutput output(StageName stage, String fp) {
        Path dir = root.resolve("stages").resolve(stage.wireName()).resolve(fp);
        return new StageOutput(stage, fp, dir, dir, "0".repeat(64), false);
    }

    @Test
    void keepsTheStagesOfEachExperimentsNewestRunsAndRemovesTheRest() throws IOException {
        Path a = folder(StageName.TRAIN, "aaa", 100, true);
        Path b = folder(StageName.TRAIN, "bbb", 200, true);
        Path c = folder(StageName.EVALUATE, "ccc", 300, true);
        Path d = folder(StageName.EVALUATE, "ddd", 400, true);
        run("exp1", "2026-11-01_10-00-00", "aaa", "ccc");
        run("exp1", "2026-11-02_09-00-00", "bbb", "ddd");
        run("exp2", "2026-10-01_08-00-00", "aaa", null);

        StagePruner.Plan one = StagePruner.plan(root, 1, DAY, CLOCK);
        assertThat(one.remove()).containsExactly(c);
        assertThat(one.bytes()).isEqualTo(300 + 2); // payload and the "{}" of stage.json
        assertThat(one.runsKept()).isEqualTo(2);
        assertThat(one.runsSeen()).isEqualTo(3);
        assertThat(one.foldersKept()).isEqualTo(3);

        assertThat(StagePruner.plan(root, 2, DAY, CLOCK).remove()).isEmpty();
        assertThat(StagePruner.plan(root, 0, DAY, CLOCK).remove())
                .containsExactly(c, d, a, b); // path order
    }

    @Test
    void anUnfinishedFolderIsKeptWhileItChangedRecentlyAndRemovedOnceStale() throws IOException {
        Path fresh = folder(StageName.TRAIN, "fresh", 10, false);
        Path stale = folder(StageName.TRAIN, "stale", 10, false);
        touch(fresh, NOW.minus(Duration.ofHours(2)));
        touch(stale, NOW.minus(Duration.ofHours(30)));
        // one recent checkpoint keeps an otherwise old folder
        Path resumed = folder(StageName.TRAIN, "resumed", 10, false);
        touch(resumed, NOW.minus(Duration.ofHours(30)));
        Files.setLastModifiedTime(
                resumed.resolve("payload.bin"), FileTime.from(NOW.minus(Duration.ofHours(1))));

        StagePruner.Plan plan = StagePruner.plan(root, 5, DAY, CLOCK);
        assertThat(plan.remove()).containsExactly(stale);
        assertThat(plan.runsSeen()).isZero();
    }

    @Test
    void applyRemovesExactlyThePlannedFolders() throws IOException {
        Path keep = folder(StageName.TRAIN, "keep", 10, true);
        Path drop = folder(StageName.TRAIN, "drop", 10, true);
        Files.createDirectories(drop.resolve("checkpoints/epoch-1"));
        Files.write(drop.resolve("checkpoints/epoch-1/params.bin"), new byte[50]);
        run("exp", "2026-11-02_09-00-00", "keep", null);

        StagePruner.apply(StagePruner.plan(root, 1, DAY, CLOCK));
        assertThat(drop).doesNotExist();
        assertThat(keep.resolve("payload.bin")).exists();
        assertThat(root.resolve("exp/2026-11-02_09-00-00_demo/stages.json")).exists();
    }

    @Test
    void aMalformedStagesFileFailsNamingIt() throws IOException {
        Path run = Files.createDirectories(root.resolve("exp/2026-11-02_09-00-00_demo"));
        Files.writeString(run.resolve(RunFolder.STAGES), "{\"train\": {\"dir\": \"x\"}}");
        assertThatThrownBy(() -> StagePruner.plan(root, 1, DAY, CLOCK))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(run.resolve(RunFolder.STAGES).toString())
                .hasMessageContaining("'train' has no fingerprint");
        assertThatThrownBy(() -> StagePruner.plan(root, -1, DAY, CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void touch(Path folder, Instant when) throws IOException {
        FileTime t = FileTime.from(when);
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, t);
            }
        }
    }
}
