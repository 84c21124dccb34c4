package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pdml.tracking.SecretRedactor;
import org.pdml.util.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a {@link SpoolRecord.Kind#MODEL} record: the model folder becomes an MLflow 3 logged
 * model (created PENDING with the record's run as source run, every file uploaded through the
 * artifact proxy under the model's {@code artifact_uri}, finalized READY, then listed as an output
 * of the run and of its root run). A server without logged models gets the files as run artifacts
 * under the record's proxy path instead, and the log says so once.
 *
 * <p>Re-delivery after an outage mid-way is safe: the run's model of that name is looked up first;
 * a READY one is only linked again (linking skips existing outputs), a PENDING one gets its files
 * uploaded again (a PUT overwrites) and is finalized.
 */
final class LoggedModelDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedModelDelivery.class);

    private final LoggedModels models;
    private final ArtifactProxy proxy;
    private final SecretRedactor redactor;
    private final AtomicBoolean fallbackNoticed = new AtomicBoolean();

    /**
     * Creates the delivery.
     *
     * @param models the logged-model REST calls
     * @param proxy the artifact proxy of the same server
     * @param redactor applied to file bytes on upload, as for any artifact
     */
    LoggedModelDelivery(LoggedModels models, ArtifactProxy proxy, SecretRedactor redactor) {
        this.models = models;
        this.proxy = proxy;
        this.redactor = redactor;
    }

    /**
     * Delivers one MODEL record, its run id already resolved.
     *
     * @param r the record: run, key = the fallback's proxy path {@code <artifact root>/<name>},
     *     value = {@link ModelRecord} JSON
     * @throws IOException on transport errors and 5xx (retryable)
     * @throws ArtifactProxy.ArtifactRejectedException when the server refuses for good
     */
    void deliver(SpoolRecord r) throws IOException, InterruptedException {
        ModelRecord m = ModelRecord.fromJson(r.value());
        String name = r.key().substring(r.key().lastIndexOf('/') + 1);
        List<String> files = FileTrees.regularFiles(m.dir());
        try {
            String modelId = ready(r.runId(), m, name, files);
            models.linkOutput(r.runId(), modelId);
            if (m.rootRunId().isPresent()) {
                models.linkOutput(m.rootRunId().get(), modelId);
            }
        } catch (LoggedModels.UnsupportedException e) {
            noticeFallback(r.runId(), name);
            upload(m.dir(), files, r.key());
        }
    }

    /** Finds or creates the run's model of that name, uploads its files unless READY. */
    private String ready(String runId, ModelRecord m, String name, List<String> files)
            throws IOException, InterruptedException {
        List<JsonNode> existing = models.find(m.experimentId(), runId, name);
        JsonNode info =
                existing.isEmpty() ? models.create(m.experimentId(), runId, name) : existing.get(0);
        String modelId = info.path("model_id").asText();
        if (!LoggedModels.READY.equals(info.path("status").asText())) {
            upload(m.dir(), files, ArtifactProxy.proxyRoot(info.path("artifact_uri").asText()));
            models.finalizeReady(modelId);
        }
        return modelId;
    }

    private void upload(Path dir, List<String> files, String proxyRoot)
            throws IOException, InterruptedException {
        for (String rel : files) {
            proxy.upload(dir.resolve(rel), proxyRoot + "/" + rel, redactor);
        }
    }

    private void noticeFallback(String runId, String name) {
        if (fallbackNoticed.compareAndSet(false, true)) {
            LOG.warn(
                    "the tracking server has no MLflow 3 logged models (MLflow 2.x?): the model"
                            + " of run {} is logged as run artifacts under {}/ instead",
                    runId,
                    name);
        }
    }
}
