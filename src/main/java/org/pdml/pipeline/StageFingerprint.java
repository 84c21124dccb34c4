package org.pdml.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.pdml.config.CanonicalForm;
import org.pdml.config.PdmlConfig;
import org.pdml.util.Sha256;

/**
 * What a stage's output depends on, and its SHA-256: the stage's part of the resolved config (each
 * section in {@link CanonicalForm}) and the identities of its inputs (the {@code output_sha256} of
 * the upstream stages). The hashed text is
 *
 * <pre>
 * pdml.stage-fingerprint/v1
 * stage=&lt;stage&gt;
 * config.&lt;section&gt;=&lt;canonical JSON&gt;     (sorted by section)
 * input.&lt;name&gt;=&lt;sha256&gt;                (sorted by name)
 * </pre>
 *
 * <p>The parts per stage ({@link #preprocess}, {@link #train}, {@link #evaluate}) are every setting
 * the stage reads, and nothing else: a change to another section (a different eval {@code k_list},
 * run name or tracking) leaves the fingerprint alone, so the output is reused.
 *
 * @param stage the stage
 * @param config section name → canonical JSON (or canonical scalar text, e.g. the seed)
 * @param inputs input name → its SHA-256
 */
public record StageFingerprint(
        StageName stage, SortedMap<String, String> config, SortedMap<String, String> inputs) {

    /** Copies the maps (sorted) and checks that no name can forge a line of the hashed text. */
    public StageFingerprint {
        config = checked(config);
        inputs = checked(inputs);
    }

    private static SortedMap<String, String> checked(Map<String, String> parts) {
        SortedMap<String, String> out = new TreeMap<>(parts);
        out.forEach(
                (k, v) -> {
                    if (k.isEmpty() || k.contains("=") || k.contains("\n") || v.contains("\n")) {
                        throw new IllegalArgumentException("bad fingerprint part: " + k);
                    }
                });
        return java.util.Collections.unmodifiableSortedMap(out);
    }

    /**
     * Preprocess reads {@code data} (source, output, sizes, encoding, split fractions, packages),
     * the root {@code seed} (validation carve), the source index and the image files: a new,
     * removed or relabelled image changes the {@link org.pdml.preprocess.index.IndexFingerprint},
     * and an image rewritten in place changes the {@link org.pdml.preprocess.SourceStamp} (its size
     * and modification time), so scheduled runs preprocess again. The files' bytes are not hashed:
     * after a copy that keeps sizes and modification times, run with {@code --from preprocess}.
     *
     * @param c the resolved config
     * @param indexFingerprint the source index's fingerprint (the manifest's {@code
     *     index_fingerprint})
     * @param sourceStamp the stamp of the indexed files' metadata
     * @return the fingerprint
     */
    public static StageFingerprint preprocess(
            PdmlConfig c, String indexFingerprint, String sourceStamp) {
        return new StageFingerprint(
                StageName.PREPROCESS,
                new TreeMap<>(Map.of("data", CanonicalForm.json(c.data()), "seed", seed(c))),
                new TreeMap<>(
                        Map.of("source_index", indexFingerprint, "source_files", sourceStamp)));
    }

    /**
     * Train reads {@code model}, {@code loss}, {@code train} and the root {@code seed}, and the
     * examples.
     *
     * @param c the resolved config
     * @param examplesSha256 SHA-256 of the examples' {@code manifest.json}
     * @return the fingerprint
     */
    public static StageFingerprint train(PdmlConfig c, String examplesSha256) {
        return new StageFingerprint(
                StageName.TRAIN,
                new TreeMap<>(
                        Map.of(
                                "model", CanonicalForm.json(c.model()),
                                "loss", CanonicalForm.json(c.loss()),
                                "train", CanonicalForm.json(c.train()),
                                "seed", seed(c))),
                new TreeMap<>(Map.of("examples", examplesSha256)));
    }

    /**
     * Evaluate reads {@code eval} and the root {@code seed} (k-means), the model (whose own config
     * gives the evaluation transforms) and the examples.
     *
     * @param c the resolved config
     * @param modelSha256 the train stage's {@code output_sha256}
     * @param examplesSha256 SHA-256 of the examples' {@code manifest.json}
     * @return the fingerprint
     */
    public static StageFingerprint evaluate(
            PdmlConfig c, String modelSha256, String examplesSha256) {
        return new StageFingerprint(
                StageName.EVALUATE,
                new TreeMap<>(Map.of("eval", CanonicalForm.json(c.eval()), "seed", seed(c))),
                new TreeMap<>(Map.of("model", modelSha256, "examples", examplesSha256)));
    }

    private static String seed(PdmlConfig c) {
        return Long.toString(c.seed());
    }

    /**
     * Returns the hashed text (see the class comment).
     *
     * @return UTF-8 text, one part per line
     */
    public String canonicalText() {
        StringBuilder text = new StringBuilder(configText());
        inputs.forEach(
                (k, v) -> text.append("input.").append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    private String configText() {
        StringBuilder text = new StringBuilder("pdml.stage-fingerprint/v1\n");
        text.append("stage=").append(stage.wireName()).append('\n');
        config.forEach(
                (k, v) -> text.append("config.").append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    /**
     * Returns the fingerprint.
     *
     * @return SHA-256 of {@link #canonicalText()}, 64 lower-case hex digits
     */
    public String sha256() {
        return Sha256.of(canonicalText().getBytes(StandardCharsets.UTF_8));
    }

    /** The input name under which {@link #withCode} records the stage's {@link CodeIdentity}. */
    public static final String CODE_INPUT = "code";

    /**
     * This fingerprint with the code that will produce the output as one more input ({@value
     * #CODE_INPUT}), so that only the same build reuses it.
     *
     * @param codeSha256 the stage's {@link CodeIdentity}
     * @return the fingerprint including the code
     */
    public StageFingerprint withCode(String codeSha256) {
        SortedMap<String, String> withCode = new TreeMap<>(inputs);
        withCode.put(CODE_INPUT, codeSha256);
        return new StageFingerprint(stage, config, withCode);
    }

    /**
     * Whether {@code other} names the same config and inputs as this one, whatever code built it:
     * what {@code --reuse-stale} accepts.
     *
     * @param other another fingerprint of the same stage
     * @return true when only the {@value #CODE_INPUT} input differs (or neither has one)
     */
    public boolean sameButCode(StageFingerprint other) {
        SortedMap<String, String> mine = new TreeMap<>(inputs);
        SortedMap<String, String> theirs = new TreeMap<>(other.inputs);
        mine.remove(CODE_INPUT);
        theirs.remove(CODE_INPUT);
        return stage == other.stage && config.equals(other.config) && mine.equals(theirs);
    }

    /**
     * Returns the hash of the config part alone (stage and sections, no inputs).
     *
     * @return 64 lower-case hex digits
     */
    public String configSha256() {
        return Sha256.of(configText().getBytes(StandardCharsets.UTF_8));
    }
}
