package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.preprocess.PreprocessRequest;
import picocli.CommandLine;

/**
 * {@code pdml preprocess}'s flags and a config's data section build one {@link PreprocessRequest}:
 * the same settings given either way give equal requests.
 */
class PreprocessCommandRequestTest {

    private static PreprocessRequest ofConfig(String file) {
        PdmlConfig c = ConfigLoader.load(Path.of(file), List.of()).config();
        return PreprocessRequest.of(c.data(), c.seed());
    }

    private static PreprocessRequest ofFlags(String... flags) {
        PreprocessCommand command = new PreprocessCommand();
        new CommandLine(command).parseArgs(flags);
        return command.request();
    }

    /** configs/quickstart.yaml's data section, with base.yaml's defaults, as flags. */
    private static List<String> quickstartFlags() {
        return new ArrayList<>(
                List.of(
                        "--dataset=emoji-vendors",
                        "--source=.cache/datasets/emoji-vendors",
                        "--output=.cache/shards/quickstart-emoji3-40",
                        "--image-size=40",
                        "--encoding=png",
                        "--jpeg-quality=95",
                        "--num-shards=2",
                        "--val-fraction=0.2",
                        "--min-instances-per-class=2",
                        "--vendors=google,twitter,gemojione",
                        "--seed=0"));
    }

    @Test
    void theQuickstartConfigAndItsFlagsGiveEqualRequests() {
        PreprocessRequest fromConfig = ofConfig("configs/quickstart.yaml");
        assertThat(ofFlags(quickstartFlags().toArray(String[]::new))).isEqualTo(fromConfig);

        List<String> other = quickstartFlags();
        other.set(3, "--image-size=41");
        assertThat(ofFlags(other.toArray(String[]::new))).isNotEqualTo(fromConfig);
    }

    @Test
    void theKanjiSmokeConfigAndItsFlagsGiveEqualRequests() {
        PreprocessRequest fromFlags =
                ofFlags(
                        "--dataset=kanji-fonts",
                        "--source=.cache/datasets/kanji-fonts",
                        "--output=.cache/shards/smoke-kanji-32",
                        "--image-size=32",
                        "--encoding=png",
                        "--jpeg-quality=95",
                        "--num-shards=1",
                        "--val-fraction=0.2",
                        "--min-instances-per-class=2",
                        "--classes-per-half=100",
                        "--fonts=fonts-ipafont-gothic=00303-23,fonts-ipafont-mincho=00303-23,"
                                + "fonts-vlgothic=20220612-1,fonts-horai-umefont=670-5,"
                                + "fonts-seto=6.20-8",
                        "--render-size=64");
        assertThat(fromFlags).isEqualTo(ofConfig("configs/smoke/kanji-fonts-tiny.yaml"));
    }

    @Test
    void anUnknownEnumFlagIsNamedInTheError() {
        assertThatThrownBy(() -> ofFlags("--dataset=cub", "--output=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dataset 'cub'");
        assertThatThrownBy(() -> ofFlags("--dataset=sop", "--output=x", "--encoding=gif"))
                .hasMessageContaining("--encoding 'gif'");
        assertThatThrownBy(() -> ofFlags("--dataset=sop", "--output=x", "--runner=spark"))
                .hasMessageContaining("--runner 'spark'")
                .hasMessageContaining("direct|flink|dataflow");
    }

    @Test
    void beamFlagsReplaceConfigOptionsOfTheSameNameAndKeepTheRest() {
        assertThat(
                        PreprocessCommand.withOverrides(
                                List.of("--targetParallelism=3", "--gcsEndpoint=http://a/"),
                                List.of("--targetParallelism=5", "--project=p")))
                .containsExactly("--gcsEndpoint=http://a/", "--targetParallelism=5", "--project=p");
        assertThat(PreprocessCommand.withOverrides(List.of("--x=1"), List.of()))
                .containsExactly("--x=1");
    }
}
