package org.pdml.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.StageArtifact;
import org.pdml.artifacts.proto.StageManifest;
import org.pdml.tracking.InMemoryRunTracker;
import org.pdml.tracking.RunStatus;
import org.pdml.tracking.SecretRedactor;
import org.pdml.util.Sha256;

/** Reuse, forcing, resume and commit markers of the stage runner, on small file-writing stages. */
class PipelineRunnerTest {
    @TempDir Path tmp;
    private FakeStage pre;
    private FakeStage train;
    private FakeStage eval;
    private StringWriter console;
    private CodeIdentity code = CodeIdentity.ofRunningBuild();
    private boolean reuseStale;

    @BeforeEach
    void stages() {
        pre = new FakeStage(StageName.PREPROCESS, tmp.resolve("examples"), false);
        train = new FakeStage(StageName.TRAIN, null, true);
        eval = new FakeStage(StageName.EVALUATE, null, false);
    }

    private Result run(Optional<StageName> from) throws Exception {
        console = new StringWriter();
        StageStore store =
                new StageStore(
                        tmp.resolve("runs/stages"),
                        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        InMemoryRunTracker root = new InMemoryRunTracker("pipeline", SecretRedactor.of(List.of()));
        Map<StageName, StageOutput> out =
                new PipelineRunner(store, new PrintWriter(console), code, reuseStale)
                        .run(List.of(pre, train, eval), from, root, o -> {});
        return new Result(out, root);
    }

    private record Result(Map<StageName, StageOutput> outputs, InMemoryRunTracker root) {
        String tag(int child, String key) {
            return root.children().get(child).tags().get(key);
        }
    }

    private List<Integer> runs() {
        return List.of(pre.runs(), train.runs(), eval.runs());
    }

    @Test
    void aSecondIdenticalRunReusesEveryStage() throws Exception {
        Result first = run(Optional.empty());
        Result second = run(Optional.empty());
        assertThat(runs()).containsExactly(1, 1, 1);
        assertThat(second.outputs()).isEqualTo(reusedCopy(first.outputs()));
        for (int i = 0; i < 3; i++) {
            assertThat(first.tag(i, PipelineRunner.REUSED_TAG)).isEqualTo("false");
            assertThat(second.tag(i, PipelineRunner.REUSED_TAG)).isEqualTo("true");
            assertThat(second.tag(i, PipelineRunner.FINGERPRINT_TAG))
                    .isEqualTo(first.tag(i, PipelineRunner.FINGERPRINT_TAG));
            assertThat(second.root().children().get(i).status()).isEqualTo(RunStatus.FINISHED);
        }
        assertThat(console.toString()).contains("train: reusing");
    }

    private static Map<StageName, StageOutput> reusedCopy(Map<StageName, StageOutput> m) {
        Map<StageName, StageOutput> out = new java.util.LinkedHashMap<>();
        m.forEach(
                (k, o) ->
                        out.put(
                                k,
                                new StageOutput(
                                        o.stage(),
                                        o.fingerprint(),
                                        o.dir(),
                                        o.output(),
                                        o.outputSha256(),
                                        true)));
        return out;
    }

    @Test
    void aChangedSettingRerunsThatStageAndItsDependants() throws Exception {
        run(Optional.empty());
        train.setting = "s1";
        run(Optional.empty());
        assertThat(runs()).containsExactly(1, 2, 2);
    }

    @Test
    void aBuildThatDiffersInOneLossClassRetrainsAndAnIdenticalBuildReuses() throws Exception {
        Path classes = CodeIdentityTest.runningClasses();
        code = CodeIdentityTest.build(classes, tmp.resolve("a"), null);
        Result first = run(Optional.empty());
        code = CodeIdentityTest.build(classes, tmp.resolve("a2"), null);
        run(Optional.empty());
        assertThat(runs()).as("an identical build reuses").containsExactly(1, 1, 1);
        code = CodeIdentityTest.build(classes, tmp.resolve("b"), CodeIdentityTest.LOSS_CLASS);
        Result changed = run(Optional.empty());
        assertThat(runs()).as("preprocess reused, train again").containsExactly(1, 2, 1);
        // The fake training writes the same bytes whatever the code, so evaluation's inputs and
        // code are unchanged and it is reused; a really retrained model changes its model input.
        assertThat(changed.tag(1, PipelineRunner.CODE_TAG))
                .isNotEqualTo(first.tag(1, PipelineRunner.CODE_TAG));
        assertThat(changed.tag(0, PipelineRunner.CODE_TAG))
                .isEqualTo(first.tag(0, PipelineRunner.CODE_TAG));
    }

    @Test
    void reuseStaleTakesAnOutputOfOtherCodeOnlyWhenAskedAndSaysSo() throws Exception {
        Path classes = CodeIdentityTest.runningClasses();
        code = CodeIdentityTest.build(classes, tmp.resolve("a"), null);
        Result first = run(Optional.empty());
        code = CodeIdentityTest.build(classes, tmp.resolve("b"), CodeIdentityTest.LOSS_CLASS);
        reuseStale = true;
        Result stale = run(Optional.empty());
        assertThat(runs()).containsExactly(1, 1, 1);
        assertThat(stale.tag(1, PipelineRunner.REUSED_STALE_TAG)).isEqualTo("true");
        assertThat(stale.tag(1, PipelineRunner.REUSED_FROM_TAG))
                .isEqualTo(first.outputs().get(StageName.TRAIN).dir().toString());
        assertThat(stale.tag(0, PipelineRunner.REUSED_STALE_TAG)).isNull();
        assertThat(console.toString()).contains("train: --reuse-stale: the output below was made");
        train.setting = "s1";
        run(Optional.empty());
        assertThat(runs()).as("a config change is never stale-reused").containsExactly(1, 2, 2);
    }

    @Test
    void fromPreprocessForcesEveryStage() throws Exception {
        run(Optional.empty());
        Result forced = run(Optional.of(StageName.PREPROCESS));
        assertThat(runs()).containsExactly(2, 2, 2);
        assertThat(forced.tag(0, PipelineRunner.REUSED_TAG)).isEqualTo("false");
    }

    @Test
    void fromForcesThatStageAndTheOnesAfter() throws Exception {
        run(Optional.empty());
        Result r = run(Optional.of(StageName.TRAIN));
        assertThat(runs()).containsExactly(1, 2, 2);
        assertThat(r.tag(0, PipelineRunner.REUSED_TAG)).isEqualTo("true");
        assertThat(console.toString()).contains("train: running (forced by --from)");
        run(Optional.of(StageName.EVALUATE));
        assertThat(runs()).containsExactly(1, 2, 3);
    }

    @Test
    void anInterruptedResumableStageContinuesFromItsPartialWork() throws Exception {
        train.failAfterPartial = true;
        assertThatThrownBy(() -> run(Optional.empty())).hasMessage("interrupted train");
        Path trainDir = onlyFolder(tmp.resolve("runs/stages/train"));
        assertThat(trainDir.resolve(StageArtifact.MANIFEST)).doesNotExist();
        assertThat(trainDir.resolve("partial")).exists();
        run(Optional.empty());
        assertThat(train.sawPartial).containsExactly(false, true);
        assertThat(runs()).containsExactly(1, 2, 1);
    }

    @Test
    void aForcedResumableStageStartsFromScratch() throws Exception {
        train.failAfterPartial = true;
        assertThatThrownBy(() -> run(Optional.empty())).hasMessage("interrupted train");
        run(Optional.of(StageName.TRAIN));
        assertThat(train.sawPartial).containsExactly(false, false);
    }

    @Test
    void anInterruptedPlainStageStartsAgainEmpty() throws Exception {
        eval.failAfterPartial = true;
        assertThatThrownBy(() -> run(Optional.empty())).hasMessage("interrupted evaluate");
        run(Optional.empty());
        assertThat(eval.sawPartial).containsExactly(false, false);
        assertThat(runs()).containsExactly(1, 1, 2);
    }

    @Test
    void aFailedStageIsMarkedFailedAndLeavesNoCommitMarker() throws Exception {
        eval.failAfterPartial = true;
        StageStore store = new StageStore(tmp.resolve("runs/stages"), Clock.systemUTC());
        InMemoryRunTracker root = new InMemoryRunTracker("p", SecretRedactor.of(List.of()));
        PipelineRunner runner =
                new PipelineRunner(store, new PrintWriter(new StringWriter()), code, false);
        assertThatThrownBy(
                        () ->
                                runner.run(
                                        List.of(pre, train, eval), Optional.empty(), root, o -> {}))
                .hasMessage("interrupted evaluate");
        assertThat(root.children()).hasSize(3);
        assertThat(root.children().get(2).status()).isEqualTo(RunStatus.FAILED);
        assertThat(root.children().get(1).status()).isEqualTo(RunStatus.FINISHED);
        Path evalDir = onlyFolder(tmp.resolve("runs/stages/evaluate"));
        assertThat(evalDir.resolve(StageArtifact.MANIFEST)).doesNotExist();
    }

    @Test
    void aDamagedOutputIsNotReused() throws Exception {
        run(Optional.empty());
        Files.delete(onlyFolder(tmp.resolve("runs/stages/evaluate")).resolve("result.txt"));
        run(Optional.empty());
        assertThat(runs()).containsExactly(1, 1, 2);
    }

    @Test
    void anExternalOutputOverwrittenSinceIsNotReused() throws Exception {
        run(Optional.empty());
        Files.writeString(tmp.resolve("examples/manifest.json"), "another config's examples");
        run(Optional.empty());
        assertThat(pre.runs()).isEqualTo(2);
        // preprocess rewrote the same bytes, so its identity and the downstream fingerprints hold
        assertThat(runs()).containsExactly(2, 1, 1);
    }

    @Test
    void theManifestRecordsFingerprintInputsAndFileDigests() throws Exception {
        Result r = run(Optional.empty());
        StageOutput t = r.outputs().get(StageName.TRAIN);
        StageManifest m = StageArtifact.at(t.dir()).read().orElseThrow();
        assertThat(m.getFingerprint()).isEqualTo(t.fingerprint()).hasSize(64);
        assertThat(t.dir().getFileName().toString()).isEqualTo(t.fingerprint());
        assertThat(m.getInputsMap())
                .containsExactly(
                        Map.entry(StageFingerprint.CODE_INPUT, code.of(StageName.TRAIN)),
                        Map.entry(
                                "preprocess",
                                r.outputs().get(StageName.PREPROCESS).outputSha256()));
        assertThat(m.getFilesList())
                .extracting(f -> f.getPath())
                .containsExactly("partial", "result.txt");
        String lines =
                "partial "
                        + Sha256.of(t.dir().resolve("partial"))
                        + "\nresult.txt "
                        + Sha256.of(t.dir().resolve("result.txt"))
                        + "\n";
        assertThat(m.getOutputSha256())
                .isEqualTo(Sha256.of(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(m.getCreatedAt()).isEqualTo("2026-01-02T03:04:05Z");
        StageManifest p =
                StageArtifact.at(r.outputs().get(StageName.PREPROCESS).dir()).read().orElseThrow();
        assertThat(p.getOutput()).isEqualTo(tmp.resolve("examples").toString());
        assertThat(p.getOutputSha256()).isEqualTo(Sha256.of(tmp.resolve("examples/manifest.json")));
    }

    /** The one stage folder under {@code parent}, beside its {@code .<fingerprint>.lock}. */
    private static Path onlyFolder(Path parent) throws IOException {
        try (var s = Files.list(parent)) {
            List<Path> all = s.filter(Files::isDirectory).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /**
     * Two runs of one config in one JVM: while the first trains, the second reuses its committed
     * preprocess output, then waits at the train stage's lock (and says so) rather than sharing the
     * live stage folder, and reuses the output once it is committed. Train runs once.
     */
    @Test
    void aConcurrentRunWaitsForTheLiveStageAndReusesItsOutput() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        FakeStage slowTrain = new FakeStage(StageName.TRAIN, null, true);
        slowTrain.before = release;
        FakeStage otherPre = new FakeStage(StageName.PREPROCESS, tmp.resolve("examples"), false);
        FakeStage otherTrain = new FakeStage(StageName.TRAIN, null, true);
        StringWriter second = new StringWriter();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> concurrent(List.of(pre, slowTrain), new StringWriter()));
            while (slowTrain.runs() == 0) {
                Thread.sleep(10);
            }
            var b = pool.submit(() -> concurrent(List.of(otherPre, otherTrain), second));
            while (!second.toString().contains("train: waiting for another run")) {
                assertThat(b.isDone()).as(second.toString()).isFalse();
                Thread.sleep(10);
            }
            release.countDown();
            a.get();
            InMemoryRunTracker rootB = b.get();
            assertThat(rootB.children().get(1).tags().get(PipelineRunner.REUSED_TAG))
                    .isEqualTo("true");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(List.of(pre.runs(), slowTrain.runs(), otherPre.runs(), otherTrain.runs()))
                .containsExactly(1, 1, 0, 0);
        assertThat(second.toString()).contains("preprocess: reusing").contains("train: reusing");
    }

    private InMemoryRunTracker concurrent(List<PipelineStage> stages, StringWriter out)
            throws Exception {
        StageStore store = new StageStore(tmp.resolve("runs/stages"), Clock.systemUTC());
        InMemoryRunTracker root = new InMemoryRunTracker("pipeline", SecretRedactor.of(List.of()));
        new PipelineRunner(store, new PrintWriter(out, true), code, false)
                .run(stages, Optional.empty(), root, o -> {});
        return root;
    }
}
