package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow 3's logged models over REST (the Java client predates them), as MLflow 3.1.1's {@code
 * RestStore} calls them: {@code POST logged-models} (create, status PENDING), {@code POST
 * logged-models/search}, {@code GET} and {@code PATCH logged-models/<id>} (finalize), and {@code
 * POST runs/outputs} (a run's model outputs, the runs table's Models column). A model's JSON is the
 * {@code LoggedModel} message: {@code info.model_id}, {@code info.artifact_uri}, {@code
 * info.status}.
 *
 * <p>Errors: transport failures, 5xx, 408 and 429 are {@link IOException} (retry later); a server
 * without these endpoints (MLflow 2.x answers 404) is {@link UnsupportedException}; any other 4xx
 * is {@link ArtifactProxy.ArtifactRejectedException} (refused for good).
 */
final class LoggedModels {

    /** {@code info.status} of a model whose files are complete. */
    static final String READY = "LOGGED_MODEL_READY";

    private static final String API = "/api/2.0/mlflow/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackingEndpoint endpoint;
    private final HttpClient http = TrackingEndpoint.httpClient();

    /**
     * Creates the client.
     *
     * @param endpoint the tracking server
     */
    LoggedModels(TrackingEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The logged models a run produced with a given name, newest first.
     *
     * @param experimentId the run's experiment
     * @param sourceRunId the run
     * @param name the model name
     * @return the models' {@code info} objects
     */
    List<JsonNode> find(String experimentId, String sourceRunId, String name)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("experiment_ids").add(experimentId);
        body.put(
                "filter",
                "source_run_id = '" + quote(sourceRunId) + "' AND name = '" + quote(name) + "'");
        body.putArray("order_by")
                .addObject()
                .put("field_name", "creation_timestamp")
                .put("ascending", false);
        List<JsonNode> out = new ArrayList<>();
        send("POST", "logged-models/search", body)
                .path("models")
                .forEach(m -> out.add(m.path("info")));
        return out;
    }

    /**
     * Creates a PENDING logged model.
     *
     * @param experimentId the experiment
     * @param sourceRunId the run that produced it
     * @param name the model name
     * @return its {@code info}
     */
    JsonNode create(String experimentId, String sourceRunId, String name)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("experiment_id", experimentId);
        body.put("name", name);
        body.put("source_run_id", sourceRunId);
        return send("POST", "logged-models", body).path("model").path("info");
    }

    /**
     * Marks a model's files complete.
     *
     * @param modelId the model
     */
    void finalizeReady(String modelId) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model_id", modelId);
        body.put("status", READY);
        send("PATCH", "logged-models/" + encode(modelId), body);
    }

    /**
     * Reads a model.
     *
     * @param modelId the model
     * @return its {@code info}
     */
    JsonNode get(String modelId) throws IOException, InterruptedException {
        return send("GET", "logged-models/" + encode(modelId), null).path("model").path("info");
    }

    /**
     * The model ids a run lists as outputs, in logging order.
     *
     * @param runId the run
     * @return the ids; empty for a server whose runs have no outputs
     */
    List<String> outputsOf(String runId) throws IOException, InterruptedException {
        JsonNode run = send("GET", "runs/get?run_id=" + encode(runId), null).path("run");
        List<String> ids = new ArrayList<>();
        run.path("outputs")
                .path("model_outputs")
                .forEach(o -> ids.add(o.path("model_id").asText()));
        return ids;
    }

    /**
     * Lists a model as an output of a run, unless it is one already (a re-delivered record must not
     * list it twice).
     *
     * @param runId the run
     * @param modelId the model
     */
    void linkOutput(String runId, String modelId) throws IOException, InterruptedException {
        if (outputsOf(runId).contains(modelId)) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("run_id", runId);
        body.putArray("models").addObject().put("model_id", modelId).put("step", 0);
        send("POST", "runs/outputs", body);
    }

    private JsonNode send(String method, String path, ObjectNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = endpoint.request(API + path, TrackingEndpoint.RESPONSE_TIMEOUT);
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        int s = resp.statusCode();
        if (s >= 200 && s < 300) {
            return JSON.readTree(resp.body());
        }
        String what = method + " " + path + ": HTTP " + s + " " + resp.body();
        if (s == 404 && !resp.body().contains("RESOURCE_DOES_NOT_EXIST")) {
            throw new UnsupportedException(what);
        }
        if (s >= 400 && s < 500 && s != 408 && s != 429) {
            throw new ArtifactProxy.ArtifactRejectedException(what);
        }
        throw new IOException(what);
    }

    private static String quote(String s) {
        return s.replace("'", "\\'");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The server has no logged-model endpoints (MLflow before 3). */
    static final class UnsupportedException extends RuntimeException {
        UnsupportedException(String message) {
            super(message);
        }
    }
}
