package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pdml engine} in this JVM (bundled CPU natives; the pip and packaged routes are in {@code
 * PackagedImagesIT}), and the precedence of {@code --libtorch} over {@code PDML_LIBTORCH}.
 */
class EngineCommandTest {

    @Test
    void loadsTheBundledEngineAndPrintsVersionFlavourAndDevice() {
        Cli.Result r = Cli.ok("engine", "--libtorch", "bundled-cpu", "--device", "cpu");
        assertThat(r.out())
                .contains("engine: PyTorch 2.7.1 (flavour cpu, CPU-only build, libtorch ")
                .contains("device: cpu() (cpu was asked for)");
    }

    @Test
    void aGpuThatIsNotThereFailsWithWhatWasFound() {
        Cli.Result r = Cli.run("engine", "--libtorch", "bundled-cpu", "--device", "cuda");
        assertThat(r.status()).isEqualTo(Main.FAILED);
        assertThat(r.err()).contains("device cuda", "Found: PyTorch 2.7.1 (flavour cpu");
        assertThat(r.out()).doesNotContain("device:");
    }

    @Test
    void theHelpListsTheCommand() {
        Cli.Result r = Cli.ok("--help");
        assertThat(r.out()).containsPattern("engine\\s+Load the PyTorch engine");
    }

    @Test
    void theFlagBeatsTheEnvironmentWhichStandsInForIt() {
        Map<String, String> env = Map.of(DeviceArgs.LIBTORCH_ENV, " pip ");
        assertThat(DeviceArgs.libtorchValue("bundled-cpu", env)).isEqualTo("bundled-cpu");
        assertThat(DeviceArgs.libtorchValue(null, env)).isEqualTo("pip");
        assertThat(DeviceArgs.libtorchValue(null, Map.of(DeviceArgs.LIBTORCH_ENV, " "))).isNull();
        assertThat(DeviceArgs.libtorchValue(null, Map.of())).isNull();
    }

    @Test
    void aMalformedLibtorchFlagIsNamed() {
        DeviceArgs args = new DeviceArgs();
        new CommandLine(new Holder(args)).parseArgs("--libtorch", "cuda");
        assertThatThrownBy(args::libtorchRequest)
                .hasMessageStartingWith("--libtorch must be bundled-cpu, pip or the path");
        // as an override the flag is left to the config validator, which names engine.libtorch
        assertThat(args.overrides()).containsExactly("engine.libtorch=cuda");
    }

    /** A command holding the mixin, for parsing its flags alone. */
    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin final DeviceArgs args;

        Holder(DeviceArgs args) {
            this.args = args;
        }
    }
}
