package org.pdml.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.pdml.config.DataConfig;

/**
 * The Beam runners {@code pdml preprocess --runner} offers, and the build each one needs. Beam
 * finds runners on the classpath; a runner the build lacks would otherwise surface as Beam's
 * "Unknown 'runner' specified", so {@link #pipelineArgs} names the Maven profile instead.
 */
public enum RunnerChoice {
    /** In-process DirectRunner: in every build. */
    DIRECT("direct", "DirectRunner", "org.apache.beam.runners.direct.DirectRunner", ""),
    /**
     * FlinkRunner (embedded cluster with {@code --flinkMaster=[local]}, or a cluster's {@code
     * host:port}): only in the {@code flink} profile, which pins Beam 2.62.0 (the last line with a
     * served Flink runner).
     */
    FLINK("flink", "FlinkRunner", "org.apache.beam.runners.flink.FlinkRunner", "flink"),
    /** Google Cloud Dataflow: only in the {@code dataflow} profile (Beam 2.73.0). */
    DATAFLOW(
            "dataflow",
            "DataflowRunner",
            "org.apache.beam.runners.dataflow.DataflowRunner",
            "dataflow");

    private final String cliName;
    private final String beamName;
    private final String runnerClass;
    private final String profile;

    RunnerChoice(String cliName, String beamName, String runnerClass, String profile) {
        this.cliName = cliName;
        this.beamName = beamName;
        this.runnerClass = runnerClass;
        this.profile = profile;
    }

    /**
     * The choice of a config's {@code data.runner}.
     *
     * @param runner the configured runner
     * @return the choice
     */
    public static RunnerChoice of(DataConfig.Runner runner) {
        return switch (runner) {
            case DIRECT -> DIRECT;
            case FLINK -> FLINK;
            case DATAFLOW -> DATAFLOW;
        };
    }

    /**
     * Returns whether this build contains the runner.
     *
     * @return true if the runner class is on the classpath
     */
    public boolean available() {
        try {
            Class.forName(runnerClass, false, RunnerChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Builds Beam pipeline arguments: the pass-through arguments followed by {@code
     * --runner=<BeamName>}, and for the DirectRunner {@code --targetParallelism=<cores>} unless the
     * pass-through sets it. Why one bundle thread per core: the preprocess stage's image work runs
     * on its own pool of one thread per core ({@code ImageWorkers}), so the bundle threads mostly
     * wait for it; and the DirectRunner's monitor re-runs its scheduling loop without pause
     * whenever a bundle thread is free (it burns a core even when every DoFn sleeps; {@code
     * bench/RESULTS.md}), which is least often when there are few bundle threads and each holds a
     * shard. Measured against 4 threads per core: 4% more images/s (bench/RESULTS.md, run 11).
     *
     * @param passThrough other Beam options ({@code --flinkMaster=[local]}, {@code --project=…});
     *     they must not choose the runner themselves
     * @return the arguments for {@code PipelineOptionsFactory.fromArgs}
     * @throws IllegalArgumentException if a pass-through argument sets {@code --runner}
     * @throws IllegalStateException naming the Maven profile to build with if this build lacks the
     *     runner
     */
    public List<String> pipelineArgs(List<String> passThrough) {
        for (String a : passThrough) {
            if (a.equals("--runner") || a.startsWith("--runner=")) {
                throw new IllegalArgumentException(
                        "choose the runner with --runner direct|flink|dataflow, not --beam=" + a);
            }
        }
        if (!available()) {
            throw new IllegalStateException(missingMessage());
        }
        List<String> args = new ArrayList<>(passThrough);
        args.add("--runner=" + beamName);
        boolean parallelismSet =
                passThrough.stream().anyMatch(a -> a.startsWith("--targetParallelism"));
        if (this == DIRECT && !parallelismSet) {
            args.add("--targetParallelism=" + Runtime.getRuntime().availableProcessors());
        }
        return args;
    }

    private String missingMessage() {
        String line = this == FLINK ? "Beam 2.62.0 with Flink 1.19" : "Beam's Dataflow runner";
        return String.format(
                "--runner=%s needs %s (%s), which this build does not contain; use the Maven"
                        + " profile '%s': PDML_PROFILE=%s ./pdml preprocess ... (the launcher builds"
                        + " it into target/%s), or ./mvnw -B -P%s package -DskipTests",
                cliName, line, runnerClass, profile, profile, profile, profile);
    }
}
