package org.pdml.app;

import java.nio.file.Path;
import org.pdml.config.PdmlConfig;
import org.pdml.config.TrackingConfig;
import picocli.CommandLine.Option;

/**
 * The tracking options shared by {@code preprocess}, {@code train}, {@code evaluate} and {@code
 * run}: each overrides the matching key of the config's {@code tracking} section (whose experiment
 * defaults to the config's top-level {@code experiment}, the run folder's group, so that both carry
 * one name), or, for commands without a config, the built-in default: on, experiment {@value
 * #DEFAULT_EXPERIMENT}, the server named by {@code MLFLOW_TRACKING_URI} or a local one.
 */
final class TrackingArgs {

    /** The experiment of commands that have no config. */
    static final String DEFAULT_EXPERIMENT = "pdml";

    @Option(
            names = "--tracking",
            paramLabel = "on|off",
            description =
                    "Log this run to MLflow (default: the config's tracking.mode, on without a"
                            + " config). off needs no server.")
    TrackingConfig.Mode mode;

    @Option(
            names = "--experiment",
            paramLabel = "<name>",
            description =
                    "MLflow experiment (default: the config's tracking.experiment, else its"
                            + " top-level experiment, the run folder's group; pdml without a"
                            + " config).")
    String experiment;

    @Option(
            names = "--tracking-uri",
            paramLabel = "<uri>",
            description =
                    "MLflow tracking server, http(s)://host:port (default: the config's"
                            + " tracking.uri, else MLFLOW_TRACKING_URI, else a local server).")
    String uri;

    /**
     * The tracking choice of a config-driven command: each option given on the command line
     * replaces the config's value; without either, the MLflow experiment is the config's top-level
     * {@code experiment}, the same name as the run folder's group {@code <runs_root>/<experiment>}.
     *
     * @param config the resolved config
     * @return the effective tracking section, experiment set
     * @throws IllegalArgumentException if {@code --experiment} is blank
     */
    TrackingConfig resolve(PdmlConfig config) {
        TrackingConfig t = config.tracking();
        String named = t.experiment() != null ? t.experiment() : config.experiment();
        return resolve(new TrackingConfig(t.mode(), named, t.uri()));
    }

    /**
     * The line a config-driven command prints at its start, saying which experiment the run goes to
     * and which setting chose it: {@code experiment: X (run folder <runs_root>/X/…, MLflow
     * experiment X)} by default; when {@code tracking.experiment} or {@code --experiment} names
     * another MLflow experiment, that setting is named; with tracking off, only the folder.
     *
     * @param config the resolved config
     * @return one line, without a line break
     * @throws IllegalArgumentException if {@code --experiment} is blank
     */
    String experimentLine(PdmlConfig config) {
        TrackingConfig t = resolve(config);
        String group = config.experiment();
        String folder = "run folder " + Path.of(config.runsRoot(), group) + "/…";
        if (t.mode() == TrackingConfig.Mode.OFF) {
            return "experiment: " + group + " (" + folder + "; MLflow tracking off)";
        }
        if (t.experiment().equals(group)) {
            return "experiment: " + group + " (" + folder + ", MLflow experiment " + group + ")";
        }
        String setBy = experiment != null ? "--experiment" : "tracking.experiment";
        return "experiment: "
                + group
                + " ("
                + folder
                + "), MLflow experiment "
                + t.experiment()
                + " (set by "
                + setBy
                + ")";
    }

    /**
     * The tracking choice: each option given on the command line replaces the config's value.
     *
     * @param fromConfig the config's {@code tracking} section
     * @return the effective tracking section
     * @throws IllegalArgumentException if {@code --experiment} is blank
     */
    TrackingConfig resolve(TrackingConfig fromConfig) {
        if (experiment != null && experiment.isBlank()) {
            throw new IllegalArgumentException("--experiment must not be blank");
        }
        return new TrackingConfig(
                mode != null ? mode : fromConfig.mode(),
                experiment != null ? experiment : fromConfig.experiment(),
                uri != null ? uri : fromConfig.uri());
    }

    /**
     * The tracking choice of a command without a config: on, experiment {@value
     * #DEFAULT_EXPERIMENT}, unless the options say otherwise.
     *
     * @return the effective tracking section
     * @throws IllegalArgumentException if {@code --experiment} is blank
     */
    TrackingConfig resolve() {
        return resolve(new TrackingConfig(TrackingConfig.Mode.ON, DEFAULT_EXPERIMENT, null));
    }
}
