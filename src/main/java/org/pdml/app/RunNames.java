package org.pdml.app;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.pdml.config.ResolvedConfig;
import org.pdml.tracking.SecretRedactor;

/**
 * How a tracked run tells itself apart from the others of its experiment without being opened: its
 * display name carries the config name, the loss, the backbone and a short config hash ({@code
 * quickstart:el-nivmf:small-cnn:3f2a91c}; a stage's child adds the stage in front, see {@link
 * org.pdml.tracking.RunTracker#childName}), and the tag {@value #OVERRIDES_TAG} lists the
 * command-line overrides.
 *
 * <p>The separator {@value #SEPARATOR} cannot occur in a config name (letters, digits, {@code .},
 * {@code _}, {@code -}), a loss or a backbone name, so the name splits back into its parts.
 */
final class RunNames {

    /** Separator between the parts of a run name. */
    static final String SEPARATOR = ":";

    /** Hex digits of the config hash kept in a run name. */
    static final int HASH_DIGITS = 7;

    /** Tag listing the command-line overrides, {@code key=value} separated by spaces. */
    static final String OVERRIDES_TAG = "pdml.overrides";

    /** Tag holding the run folder's name ({@code <stamp>_<name>}), once the run's display name. */
    static final String RUN_FOLDER_TAG = "pdml.run_folder";

    private RunNames() {}

    /**
     * The display name of a run of a config: {@code <name>:<loss>:<backbone>:<hash>}, the loss and
     * backbone as the config spells them ({@code loss.name}, {@code model.backbone}) and the first
     * {@value #HASH_DIGITS} hex digits of {@link ResolvedConfig#hash()}. Equal configs give equal
     * names; configs that differ anywhere differ in the hash (up to collisions of 28 bits).
     *
     * @param resolved the resolved config
     * @return e.g. {@code quickstart:el-nivmf:small-cnn:3f2a91c}
     */
    static String of(ResolvedConfig resolved) {
        Map<String, String> flat = resolved.flatten();
        return String.join(
                SEPARATOR,
                resolved.config().name(),
                flat.get("loss.name"),
                flat.get("model.backbone"),
                resolved.hash().substring(0, HASH_DIGITS));
    }

    /**
     * The value of the tag {@value #OVERRIDES_TAG}: the overrides in the order given, separated by
     * single spaces, with flags that stand for a key (such as {@code --device}) already in their
     * {@code key=value} form; the value of a key that names a secret ({@link
     * SecretRedactor#isSecretName}) is masked. No overrides give the empty string.
     *
     * @param overrides {@code key=value} overrides, positional ones first
     * @return e.g. {@code loss.name=proxy-anchor train.device=cpu}
     */
    static String overrides(List<String> overrides) {
        StringJoiner joined = new StringJoiner(" ");
        for (String override : overrides) {
            int eq = override.indexOf('=');
            String key = eq < 0 ? override : override.substring(0, eq);
            boolean secret = eq >= 0 && SecretRedactor.isSecretName(key);
            joined.add(secret ? key + "=" + SecretRedactor.MASK : override);
        }
        return joined.toString();
    }
}
