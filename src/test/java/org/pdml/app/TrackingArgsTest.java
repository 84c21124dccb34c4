package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdml.config.ConfigLoader;
import org.pdml.config.PdmlConfig;
import org.pdml.config.TrackingConfig;
import org.pdml.config.TrackingConfig.Mode;
import picocli.CommandLine;

class TrackingArgsTest {
    private static final TrackingConfig FROM_CONFIG =
            new TrackingConfig(Mode.ON, "from-config", "http://127.0.0.1:5000");

    /** Parses a command line and returns its subcommand's tracking choice. */
    private static TrackingConfig parsed(String... args) {
        CommandLine cli = Main.commandLine();
        cli.parseArgs(args);
        CommandLine sub = cli.getSubcommands().get(args[0]);
        TrackingArgs t = (TrackingArgs) sub.getMixins().get("trackingArgs");
        return t.resolve(FROM_CONFIG);
    }

    @Test
    void withoutOptionsTheConfigDecides() {
        assertThat(parsed("train", "--config", "c.yaml", "--out", "o")).isEqualTo(FROM_CONFIG);
        assertThat(parsed("run", "--config", "c.yaml")).isEqualTo(FROM_CONFIG);
    }

    @Test
    void eachOptionReplacesItsKeyOnly() {
        assertThat(parsed("train", "--config", "c.yaml", "--out", "o", "--tracking", "off"))
                .isEqualTo(new TrackingConfig(Mode.OFF, "from-config", "http://127.0.0.1:5000"));
        assertThat(parsed("run", "--config", "c.yaml", "--experiment", "mine"))
                .isEqualTo(new TrackingConfig(Mode.ON, "mine", "http://127.0.0.1:5000"));
        assertThat(
                        parsed(
                                "evaluate",
                                "--model=m",
                                "--data=d",
                                "--out=o",
                                "--tracking-uri",
                                "http://10.0.0.1:80",
                                "--tracking",
                                "ON"))
                .isEqualTo(new TrackingConfig(Mode.ON, "from-config", "http://10.0.0.1:80"));
    }

    @Test
    void theExperimentDefaultsToTheRunFolderGroup() {
        PdmlConfig smoke =
                ConfigLoader.load(Path.of("configs/smoke/folder-tiny.yaml"), List.of()).config();
        assertThat(smoke.tracking().experiment()).isNull();
        assertThat(smoke.experiment()).isEqualTo("smoke");
        TrackingArgs none = new TrackingArgs();
        assertThat(none.resolve(smoke).experiment()).isEqualTo("smoke");
        PdmlConfig named =
                ConfigLoader.load(
                                Path.of("configs/smoke/folder-tiny.yaml"),
                                List.of("tracking.experiment=shared"))
                        .config();
        assertThat(none.resolve(named).experiment()).isEqualTo("shared");
        none.experiment = "cli";
        assertThat(none.resolve(named).experiment()).isEqualTo("cli");
    }

    @Test
    void theExperimentLineSaysWhichSettingNamedTheMlflowExperiment() {
        Path file = Path.of("configs/smoke/folder-tiny.yaml");
        List<String> on = List.of("tracking.mode=on", "runs_root=r");
        PdmlConfig same = ConfigLoader.load(file, on).config();
        TrackingArgs none = new TrackingArgs();
        assertThat(none.experimentLine(same))
                .isEqualTo("experiment: smoke (run folder r/smoke/…, MLflow experiment smoke)");
        List<String> shared = List.of("tracking.mode=on", "runs_root=r", "tracking.experiment=x");
        assertThat(none.experimentLine(ConfigLoader.load(file, shared).config()))
                .isEqualTo(
                        "experiment: smoke (run folder r/smoke/…), MLflow experiment x"
                                + " (set by tracking.experiment)");
        none.experiment = "cli";
        assertThat(none.experimentLine(same))
                .isEqualTo(
                        "experiment: smoke (run folder r/smoke/…), MLflow experiment cli"
                                + " (set by --experiment)");
        PdmlConfig off = ConfigLoader.load(file, List.of("runs_root=r")).config();
        assertThat(new TrackingArgs().experimentLine(off))
                .isEqualTo("experiment: smoke (run folder r/smoke/…; MLflow tracking off)");
    }

    @Test
    void commandsWithoutAConfigTrackIntoTheDefaultExperiment() {
        TrackingArgs none = new TrackingArgs();
        assertThat(none.resolve())
                .isEqualTo(new TrackingConfig(Mode.ON, TrackingArgs.DEFAULT_EXPERIMENT, null));
        none.experiment = " ";
        assertThatThrownBy(none::resolve).hasMessageContaining("--experiment");
    }

    @Test
    void anUnknownModeIsRejectedByTheParser() {
        assertThatThrownBy(() -> parsed("train", "--config=c", "--out=o", "--tracking", "maybe"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--tracking");
    }
}
