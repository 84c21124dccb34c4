package org.pdml.app;

import org.pdml.config.PdmlConfig;
import org.pdml.config.TrackingConfig;
import picocli.CommandLine.Option;

/**
 * The tracking options shared by {@code preprocess}, {@code train}, {@code evaluate} and {@code
 * run}: each overrides the matching key of the config's {@code tracking} section (whose experiment
 * defaults to the config's {@code name}), or, for commands without a config, the built-in default:
 * on, experiment {@value #DEFAULT_EXPERIMENT}, the server named by {@code MLFLOW_TRACKING_URI} or a
 * local one.
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
                            + " name; pdml without a config).")
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
     * replaces the config's value; without either, the experiment is the config's {@code name}.
     *
     * @param config the resolved config
     * @return the effective tracking section, experiment set
     * @throws IllegalArgumentException if {@code --experiment} is blank
     */
    TrackingConfig resolve(PdmlConfig config) {
        TrackingConfig t = config.tracking();
        String named = t.experiment() != null ? t.experiment() : config.name();
        return resolve(new TrackingConfig(t.mode(), named, t.uri()));
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
