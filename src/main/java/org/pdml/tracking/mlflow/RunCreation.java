package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.pdml.tracking.RunTracker;

/**
 * Creates runs, root and child alike, with the same tags whether a child is created at once or
 * later from its spooled {@link SpoolRecord.Kind#CHILD} record: {@code mlflow.runName}, source and
 * user tags, and for a child {@link RunTracker#PARENT_RUN_TAG} and {@link RunTracker#STAGE_TAG}.
 */
final class RunCreation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunCreation() {}

    /**
     * What a run is created with.
     *
     * @param experimentId the experiment
     * @param runName the display name
     * @param parentRunId the parent's id, or null for a root run
     * @param stageName the child's stage, or null for a root run
     * @param startTime epoch milliseconds of the call that started the run
     */
    record Spec(
            String experimentId,
            String runName,
            String parentRunId,
            String stageName,
            long startTime) {}

    /**
     * Creates a run on the server (one call, no retry).
     *
     * @param client the client
     * @param spec what to create
     * @return the created run
     * @throws org.mlflow.tracking.MlflowClientException when the call fails
     */
    static RunInfo create(MlflowClient client, Spec spec) {
        String user = System.getProperty("user.name", "pdml");
        CreateRun.Builder req =
                CreateRun.newBuilder()
                        .setExperimentId(spec.experimentId())
                        .setStartTime(spec.startTime())
                        .setRunName(spec.runName())
                        .setUserId(user)
                        .addTags(tag(RunTracker.RUN_NAME_TAG, spec.runName()))
                        .addTags(tag("mlflow.source.name", "pdml"))
                        .addTags(tag("mlflow.source.type", "LOCAL"))
                        .addTags(tag("mlflow.user", user));
        if (spec.parentRunId() != null) {
            req.addTags(tag(RunTracker.PARENT_RUN_TAG, spec.parentRunId()));
            req.addTags(tag(RunTracker.STAGE_TAG, spec.stageName()));
        }
        return client.createRun(req.build());
    }

    /**
     * The spooled creation of a child run: run id = the parent (maybe itself a placeholder), key =
     * the child's placeholder, value = {@code {"experiment_id", "run_name", "stage"}}, timestamp =
     * the start time.
     *
     * @param spec the child; {@code parentRunId} and {@code stageName} set
     * @param placeholder the child's placeholder id
     * @return the record (seq assigned when journaled)
     */
    static SpoolRecord childRecord(Spec spec, String placeholder) {
        ObjectNode v = JSON.createObjectNode();
        v.put("experiment_id", spec.experimentId());
        v.put("run_name", spec.runName());
        v.put("stage", spec.stageName());
        return new SpoolRecord(
                0,
                SpoolRecord.Kind.CHILD,
                spec.parentRunId(),
                placeholder,
                v.toString(),
                0,
                spec.startTime(),
                0);
    }

    /**
     * Reads back what {@link #childRecord} wrote.
     *
     * @param r a CHILD record, its parent id already resolved
     * @return the spec
     * @throws UncheckedIOException when the value is not the JSON written
     */
    static Spec childSpec(SpoolRecord r) {
        try {
            JsonNode v = JSON.readTree(r.value());
            return new Spec(
                    v.get("experiment_id").asText(),
                    v.get("run_name").asText(),
                    r.runId(),
                    v.get("stage").asText(),
                    r.timestamp());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("corrupt CHILD record " + r.seq(), e);
        }
    }

    private static RunTag tag(String key, String value) {
        return RunTag.newBuilder().setKey(key).setValue(value).build();
    }
}
