package org.pdml.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One tracked run (an MLflow run): params, metric histories, tags and artifacts, with a terminal
 * status set by {@link #close()}.
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>Params are logged once per key; re-logging a key with another value throws {@link
 *       IllegalArgumentException} (MLflow's rule).
 *   <li>Metrics are {@code (key, value, step)} with the wall-clock timestamp taken from the
 *       implementation's clock at the call; always pass the global step (epoch for per-epoch
 *       metrics).
 *   <li>Tags are mutable: the last value wins.
 *   <li>Logging calls never block on the network; implementations journal and send asynchronously.
 *   <li>Secrets (tokens, passwords, URI user-info) never reach the backend: values are redacted by
 *       {@link SecretRedactor} before they are recorded.
 *   <li>{@link #close()} ends the run as {@link RunStatus#FINISHED}, or {@link RunStatus#FAILED}
 *       after {@link #markFailed(Throwable)} (the error message goes to the tag {@link
 *       #ERROR_TAG}); the caller rethrows its error. A JVM shutdown with the run open ends it as
 *       {@link RunStatus#KILLED}.
 * </ul>
 *
 * <p>Use it in try-with-resources:
 *
 * <pre>{@code
 * try (RunTracker run = factory.start("train")) {
 *     try {
 *         train(run);
 *     } catch (RuntimeException e) {
 *         run.markFailed(e);
 *         throw e;
 *     }
 * }
 * }</pre>
 */
public interface RunTracker extends AutoCloseable {

    /** Tag holding the error message of a FAILED run. */
    String ERROR_TAG = "pdml.error";

    /** MLflow's tag that links a child run to its parent. */
    String PARENT_RUN_TAG = "mlflow.parentRunId";

    /** MLflow's tag holding the run's display name. */
    String RUN_NAME_TAG = "mlflow.runName";

    /** Tag naming the stage a run belongs to ({@code preprocess}, {@code train}, ...). */
    String STAGE_TAG = "pdml.stage";

    /** The file that makes a folder an MLflow Model. */
    String MLMODEL = "MLmodel";

    /** Separator between a child's stage and its parent's name in the child's display name. */
    String CHILD_NAME_SEPARATOR = " @ ";

    /**
     * The display name of a stage's child run: the stage, then the parent's name, e.g. {@code
     * train @ quickstart:el-nivmf:small-cnn:3f2a91c}, so that a child is told apart from the
     * children of other runs without opening it.
     *
     * @param stageName the stage, e.g. {@code train}
     * @param parentName the parent run's display name
     * @return {@code <stage> @ <parent name>}
     */
    static String childName(String stageName, String parentName) {
        return stageName + CHILD_NAME_SEPARATOR + parentName;
    }

    /**
     * Logs params (string key/values), once per key.
     *
     * @param params keys and values; values longer than MLflow's limit must be shortened by the
     *     caller ({@link ConfigFlattener} does this)
     * @throws IllegalArgumentException if a key was already logged with another value
     */
    void logParams(Map<String, String> params);

    /**
     * Logs a nested config as params ({@link ConfigFlattener}: dotted keys, MLflow's limits); the
     * keys that had to be shortened are listed in the tag {@link ConfigFlattener#TRUNCATED_TAG}.
     *
     * @param config nested maps, lists and scalars
     * @throws IllegalArgumentException if a key was already logged with another value
     */
    default void logConfig(Map<String, ?> config) {
        ConfigFlattener.Flattened flat = ConfigFlattener.flatten(config);
        logParams(flat.params());
        if (!flat.truncatedKeys().isEmpty()) {
            setTag(
                    ConfigFlattener.TRUNCATED_TAG,
                    ConfigFlattener.shortenTo(String.join(",", flat.truncatedKeys()), 5000));
        }
    }

    /**
     * Appends one point to a metric's history.
     *
     * @param key metric name
     * @param value metric value (NaN and infinities are allowed, as in MLflow)
     * @param step the global step or epoch, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    void logMetric(String key, double value, long step);

    /**
     * Appends one point per entry, all at the same step and timestamp.
     *
     * @param metrics metric names and values
     * @param step the global step or epoch, {@code >= 0}
     * @throws IllegalArgumentException if {@code step < 0}
     */
    default void logMetrics(Map<String, Double> metrics, long step) {
        metrics.forEach((key, value) -> logMetric(key, value, step));
    }

    /**
     * Sets a tag, replacing an earlier value.
     *
     * @param key tag name
     * @param value tag value
     */
    void setTag(String key, String value);

    /**
     * Sets several tags.
     *
     * @param tags tag names and values
     */
    default void setTags(Map<String, String> tags) {
        tags.forEach(this::setTag);
    }

    /**
     * Uploads a file into the run's artifacts.
     *
     * @param file a regular file; it must stay readable until the run is closed (uploads are
     *     asynchronous)
     * @param artifactPath the folder under the run's artifact root ({@code ""} for the root); the
     *     file keeps its name
     * @throws IllegalArgumentException if {@code file} is not a regular file
     */
    void logArtifact(Path file, String artifactPath);

    /**
     * Logs an MLflow Model folder (an {@code MLmodel} file and what it names, subfolders included)
     * as the model this run produced. Against an MLflow 3 server it becomes a logged model (shown
     * in the runs table's Models column) whose source run is this run, linked as an output of this
     * run and of its root run, so that the pipeline run a stage belongs to shows the model too;
     * against a server without logged models the files go to this run's artifacts under {@code
     * name/}. Like every logging call it does not wait for the network.
     *
     * @param dir the model folder; it must stay readable until the run is closed (uploads are
     *     asynchronous)
     * @param name the logged model's name, and the artifact folder of the fallback
     * @throws IllegalArgumentException if {@code dir} is not a folder holding an {@code MLmodel}
     */
    void logModel(Path dir, String name);

    /**
     * Checks that a folder is an MLflow Model, as {@link #logModel} requires.
     *
     * @param dir the folder
     * @throws IllegalArgumentException naming the folder when it has no {@value #MLMODEL} file
     */
    static void requireModelFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve(MLMODEL))) {
            throw new IllegalArgumentException(
                    "not an MLflow Model folder (no " + MLMODEL + " file): " + dir);
        }
    }

    /**
     * Records a dataset the run read (MLflow's dataset inputs; shown in the runs table's Dataset
     * column). Like every logging call it does not wait for the network.
     *
     * @param input the dataset and how the run used it
     */
    void logInput(DatasetInput input);

    /**
     * Starts a nested run for one stage: tag {@link #PARENT_RUN_TAG} = this run's id, tag {@link
     * #STAGE_TAG} = the stage, display name {@link #childName childName(stage, this run's name)}.
     *
     * @param stageName the stage, e.g. {@code "train"}
     * @return the open child run; close it before this one
     */
    RunTracker startChild(String stageName);

    /**
     * Returns this run's id.
     *
     * @return the backend's run id
     */
    String runId();

    /**
     * Records that the run failed; {@link #close()} will then end it as {@link RunStatus#FAILED}
     * with the (redacted) error message as the tag {@link #ERROR_TAG}.
     *
     * @param error the cause; the caller still rethrows it
     */
    void markFailed(Throwable error);

    /**
     * Ends the run as {@link RunStatus#FINISHED}, or {@link RunStatus#FAILED} after {@link
     * #markFailed(Throwable)}. Idempotent.
     */
    @Override
    void close();
}
