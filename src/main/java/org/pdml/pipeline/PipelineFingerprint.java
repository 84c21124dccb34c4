package org.pdml.pipeline;

import java.nio.charset.StandardCharsets;
import org.pdml.config.PdmlConfig;
import org.pdml.util.Sha256;

/**
 * What scheduled retraining compares to decide that nothing changed ({@code pdml fingerprint}): one
 * SHA-256 over the parts of the stage fingerprints that {@code pdml run} computes before any stage
 * has run. The hashed text is
 *
 * <pre>
 * pdml.pipeline-fingerprint/v1
 * preprocess=&lt;the preprocess stage's fingerprint, code included&gt;
 * train.config=&lt;{@link StageFingerprint#configSha256()} of the train stage&gt;
 * train.code=&lt;{@link CodeIdentity} of the train stage&gt;
 * evaluate.config=&lt;{@link StageFingerprint#configSha256()} of the evaluate stage&gt;
 * evaluate.code=&lt;{@link CodeIdentity} of the evaluate stage&gt;
 * </pre>
 *
 * <p>So it changes when the source index changes (images added, removed, relabelled, resplit), when
 * an indexed image file's size or modification time changes ({@code SourceStamp}: re-exported in
 * place, even at the same size), when any setting a stage reads changes ({@code data}, {@code
 * model}, {@code loss}, {@code train}, {@code eval}, {@code seed}), and when a new pdml build
 * changes the code of any stage. The other stage inputs (examples, model) are outputs of these, so
 * an unchanged fingerprint means {@code pdml run} would compute the same stage fingerprints and
 * reuse every stage. Settings no stage reads ({@code name}, {@code experiment}, {@code tracking},
 * {@code runs_root}) leave it alone. Not seen: image bytes changed by a copy that keeps size and
 * modification time ({@code cp -p}, {@code rsync -t}), and a file named by a config path (e.g.
 * {@code model.torchscript_path}) changed in place; retrain with {@code --force} after those.
 */
public final class PipelineFingerprint {
    /** First line of the hashed text. */
    static final String VERSION = "pdml.pipeline-fingerprint/v1";

    /** Stands for an upstream output that does not exist yet; only config parts are hashed. */
    private static final String NO_INPUT = "-";

    private PipelineFingerprint() {}

    /**
     * Returns the hashed text (see the class comment).
     *
     * @param c the resolved config
     * @param indexFingerprint the source index's fingerprint
     * @param sourceStamp the stamp of the indexed files' metadata
     * @param code the identity of the pdml build
     * @return UTF-8 text, one part per line
     */
    public static String canonicalText(
            PdmlConfig c, String indexFingerprint, String sourceStamp, CodeIdentity code) {
        String preprocess =
                StageFingerprint.preprocess(c, indexFingerprint, sourceStamp)
                        .withCode(code.of(StageName.PREPROCESS))
                        .sha256();
        String train = StageFingerprint.train(c, NO_INPUT).configSha256();
        String evaluate = StageFingerprint.evaluate(c, NO_INPUT, NO_INPUT).configSha256();
        return VERSION
                + "\npreprocess="
                + preprocess
                + "\ntrain.config="
                + train
                + "\ntrain.code="
                + code.of(StageName.TRAIN)
                + "\nevaluate.config="
                + evaluate
                + "\nevaluate.code="
                + code.of(StageName.EVALUATE)
                + "\n";
    }

    /**
     * Returns the fingerprint.
     *
     * @param c the resolved config
     * @param indexFingerprint the source index's fingerprint
     * @param sourceStamp the stamp of the indexed files' metadata
     * @param code the identity of the pdml build
     * @return SHA-256 of {@link #canonicalText}, 64 lower-case hex digits
     */
    public static String of(
            PdmlConfig c, String indexFingerprint, String sourceStamp, CodeIdentity code) {
        return Sha256.of(
                canonicalText(c, indexFingerprint, sourceStamp, code)
                        .getBytes(StandardCharsets.UTF_8));
    }
}
