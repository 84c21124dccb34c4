package org.pdml.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.pdml.util.Sha256;

/**
 * A stage that writes one small text file: {@code result.txt} in its folder, or {@code
 * manifest.json} in a configured external folder (like preprocess). Its fingerprint is its {@code
 * setting} plus every upstream output. It records each run and whether it found partial work.
 */
final class FakeStage implements PipelineStage {
    private final StageName name;
    private final Path external;
    private final boolean resumable;
    String setting = "s0";
    boolean failAfterPartial;

    /** When set, {@link #run} waits for it after recording the run (a stage that is still live). */
    java.util.concurrent.CountDownLatch before;

    final List<Boolean> sawPartial = new ArrayList<>();

    FakeStage(StageName name, Path external, boolean resumable) {
        this.name = name;
        this.external = external;
        this.resumable = resumable;
    }

    int runs() {
        return sawPartial.size();
    }

    @Override
    public StageName name() {
        return name;
    }

    @Override
    public StageFingerprint fingerprint(Map<StageName, StageOutput> upstream) {
        Map<String, String> inputs = new TreeMap<>();
        upstream.forEach((k, v) -> inputs.put(k.wireName(), v.outputSha256()));
        return new StageFingerprint(
                name, new TreeMap<>(Map.of("setting", setting)), new TreeMap<>(inputs));
    }

    @Override
    public Path output(Path stageDir) {
        return external != null ? external : stageDir;
    }

    @Override
    public Optional<String> externalIdentity(Path output) throws IOException {
        Path m = output.resolve("manifest.json");
        return Files.exists(m) ? Optional.of(Sha256.of(m)) : Optional.empty();
    }

    @Override
    public boolean resumable() {
        return resumable;
    }

    @Override
    public void run(StageRun run) throws IOException {
        sawPartial.add(Files.exists(run.dir().resolve("partial")));
        Files.writeString(run.dir().resolve("partial"), "half done");
        if (before != null) {
            try {
                before.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (failAfterPartial) {
            failAfterPartial = false;
            throw new IOException("interrupted " + name.wireName());
        }
        String content = setting + " " + run.upstream().keySet();
        Path file = run.output().resolve(external != null ? "manifest.json" : "result.txt");
        Files.createDirectories(run.output());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
