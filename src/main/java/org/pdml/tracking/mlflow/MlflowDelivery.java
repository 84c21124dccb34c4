package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.pdml.tracking.SecretRedactor;

/**
 * Sends groups of spool records to the server: consecutive params, metrics and tags of one run as
 * one {@code runs/log-batch} call within MLflow's limits ({@value #MAX_METRICS} metrics, {@value
 * #MAX_PARAMS_TAGS} params, {@value #MAX_PARAMS_TAGS} tags, {@value #MAX_ENTITIES} in all, no param
 * key twice); an artifact, a dataset input ({@code runs/log-inputs}), a model ({@link
 * LoggedModelDelivery}), a run's end or a child run's creation on its own.
 */
final class MlflowDelivery {

    /** MLflow's per-batch metric limit. */
    static final int MAX_METRICS = 1000;

    /** MLflow's per-batch limit for params, and separately for tags. */
    static final int MAX_PARAMS_TAGS = 100;

    /** MLflow's per-batch limit on all entities together. */
    static final int MAX_ENTITIES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MlflowClient client;
    private final ArtifactProxy proxy;
    private final SecretRedactor redactor;
    private final LoggedModelDelivery models;

    /**
     * Creates the delivery.
     *
     * @param client the MLflow client
     * @param endpoint the same server, for the artifact proxy and the logged-model calls
     * @param redactor applied to artifact bytes on upload
     */
    MlflowDelivery(MlflowClient client, TrackingEndpoint endpoint, SecretRedactor redactor) {
        this.client = client;
        this.proxy = new ArtifactProxy(endpoint);
        this.redactor = redactor;
        this.models = new LoggedModelDelivery(new LoggedModels(endpoint), proxy, redactor);
    }

    /**
     * How many records from {@code from} form the next group.
     *
     * @param pending records in spool order
     * @param from index of the group's first record
     * @return at least 1 when {@code from < pending.size()}
     */
    static int groupSize(List<SpoolRecord> pending, int from) {
        SpoolRecord first = pending.get(from);
        if (!first.batchable()) {
            return 1;
        }
        int metrics = 0;
        int params = 0;
        int tags = 0;
        Set<String> paramKeys = new HashSet<>();
        int i = from;
        for (; i < pending.size(); i++) {
            SpoolRecord r = pending.get(i);
            if (!r.batchable() || !r.runId().equals(first.runId())) {
                break;
            }
            boolean full =
                    switch (r.kind()) {
                        case METRIC -> metrics == MAX_METRICS;
                        case PARAM -> params == MAX_PARAMS_TAGS || !paramKeys.add(r.key());
                        default -> tags == MAX_PARAMS_TAGS;
                    };
            if (full || metrics + params + tags == MAX_ENTITIES) {
                break;
            }
            metrics += r.kind() == SpoolRecord.Kind.METRIC ? 1 : 0;
            params += r.kind() == SpoolRecord.Kind.PARAM ? 1 : 0;
            tags += r.kind() == SpoolRecord.Kind.TAG ? 1 : 0;
        }
        return i - from;
    }

    /**
     * Delivers one group (as cut by {@link #groupSize}).
     *
     * @param group the records, all of one run when batchable, their placeholders already resolved
     *     ({@link RunIds#resolve})
     * @return for a CHILD record, the run created for its placeholder; otherwise empty
     * @throws DeliveryException retryable or not
     */
    Optional<RunIds.Created> deliver(List<SpoolRecord> group) throws DeliveryException {
        SpoolRecord first = group.get(0);
        String what = first.kind() + " for run " + first.runId() + " (seq " + first.seq() + ")";
        try {
            switch (first.kind()) {
                case CHILD -> {
                    return Optional.of(createChild(first));
                }
                case ARTIFACT -> proxy.upload(Path.of(first.value()), first.key(), redactor);
                case MODEL -> models.deliver(first);
                case INPUT -> logInput(first);
                case TERMINATE ->
                        client.setTerminated(
                                first.runId(), RunStatus.valueOf(first.value()), first.timestamp());
                default -> logBatch(group);
            }
            return Optional.empty();
        } catch (MlflowHttpException e) {
            int s = e.getStatusCode();
            boolean retry = s == 429 || s == 408 || s >= 500;
            throw new DeliveryException(
                    what
                            + ": HTTP "
                            + s
                            + " "
                            + redactor.redact(String.valueOf(e.getBodyMessage())),
                    retry,
                    e);
        } catch (MlflowClientException | IOException e) {
            throw new DeliveryException(what + ": " + redactor.redact(e.toString()), true, e);
        } catch (ArtifactProxy.ArtifactRejectedException e) {
            throw new DeliveryException(redactor.redact(e.getMessage()), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(what + ": interrupted", true, e);
        }
    }

    /** Creates the child run a CHILD record describes. */
    private RunIds.Created createChild(SpoolRecord r) {
        RunInfo info = RunCreation.create(client, RunCreation.childSpec(r));
        return new RunIds.Created(
                r.key(), info.getRunId(), ArtifactProxy.proxyRoot(info.getArtifactUri()));
    }

    /** Sends one dataset input: {@code {"run_id": …, "datasets": [<the record's value>]}}. */
    private void logInput(SpoolRecord r) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("run_id", r.runId());
        body.putArray("datasets").add(JSON.readTree(r.value()));
        client.sendPost("runs/log-inputs", JSON.writeValueAsString(body));
    }

    private void logBatch(List<SpoolRecord> group) {
        List<Metric> metrics = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        List<RunTag> tags = new ArrayList<>();
        for (SpoolRecord r : group) {
            switch (r.kind()) {
                case METRIC ->
                        metrics.add(
                                Metric.newBuilder()
                                        .setKey(r.key())
                                        .setValue(r.number())
                                        .setTimestamp(r.timestamp())
                                        .setStep(r.step())
                                        .build());
                case PARAM ->
                        params.add(Param.newBuilder().setKey(r.key()).setValue(r.value()).build());
                case TAG ->
                        tags.add(RunTag.newBuilder().setKey(r.key()).setValue(r.value()).build());
                default -> throw new IllegalStateException("not batchable: " + r.kind());
            }
        }
        client.logBatch(group.get(0).runId(), metrics, params, tags);
    }
}
