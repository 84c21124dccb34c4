package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Registers a run's exported model (the MLflow 3 logged model the run lists as an output, else its
 * {@code model/} artifact folder) as a new version of a registered model, and moves the alias
 * {@value #CHAMPION} to it only when the run's metric strictly beats the current champion's run's
 * metric. The Java client's registry API is read-only, so writes are raw posts ({@code
 * registered-models/create}, {@code model-versions/create}, {@code registered-models/alias}).
 */
public final class ModelPromoter {

    /** The alias that marks the best model. */
    public static final String CHAMPION = "champion";

    /** The run's artifact folder holding the exported model. */
    public static final String MODEL_FOLDER = "model";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackingEndpoint endpoint;
    private final MlflowClient client;
    private final ArtifactProxy proxy;
    private final LoggedModels models;

    /**
     * The outcome of a promotion.
     *
     * @param modelName the registered model
     * @param version the new version
     * @param value the run's metric value
     * @param championValue the previous champion's metric value, empty when there was none
     * @param aliasMoved whether {@value #CHAMPION} now points at {@code version}
     */
    public record Promotion(
            String modelName,
            String version,
            double value,
            OptionalDouble championValue,
            boolean aliasMoved) {}

    /**
     * Creates a promoter.
     *
     * @param endpoint the tracking server (which also hosts the registry)
     */
    public ModelPromoter(TrackingEndpoint endpoint) {
        this.endpoint = endpoint;
        this.client = endpoint.newClient();
        this.proxy = new ArtifactProxy(endpoint);
        this.models = new LoggedModels(endpoint);
    }

    /**
     * Registers the run's model and moves the champion alias if the metric is better.
     *
     * @param runId the run holding {@code model/} and the metric
     * @param metric the metric to compare
     * @param modelName the registered model (created when missing)
     * @param higherIsBetter whether larger metric values are better
     * @return what happened
     * @throws IllegalArgumentException when the run lacks the metric, or has neither a logged model
     *     nor the model folder
     */
    public Promotion promote(
            String runId, String metric, String modelName, boolean higherIsBetter) {
        Run run = client.getRun(runId);
        double value = metricValue(run, metric);
        Map<String, String> source = source(run);
        Optional<JsonNode> registered = registeredModel(modelName);
        if (registered.isEmpty()) {
            createRegisteredModel(modelName);
        }
        OptionalDouble champion =
                registered.isEmpty()
                        ? OptionalDouble.empty()
                        : championValue(registered.get(), metric);
        String version = createVersion(modelName, source);
        boolean better =
                champion.isEmpty()
                        || (higherIsBetter
                                ? value > champion.getAsDouble()
                                : value < champion.getAsDouble());
        if (better) {
            post(
                    "registered-models/alias",
                    Map.of("name", modelName, "alias", CHAMPION, "version", version));
        }
        return new Promotion(modelName, version, value, champion, better);
    }

    private static double metricValue(Run run, String metric) {
        return run.getData().getMetricsList().stream()
                .filter(m -> m.getKey().equals(metric))
                .mapToDouble(Metric::getValue)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "run "
                                                + run.getInfo().getRunId()
                                                + " has no metric '"
                                                + metric
                                                + "'"));
    }

    /**
     * The registered model with its aliases, read past the Java client (which would log WARNs and
     * retry the 404 of a model that does not exist yet).
     */
    private Optional<JsonNode> registeredModel(String name) {
        return endpoint.getIfPresent("registered-models/get?name=" + encode(name))
                .map(body -> parse(body).path("registered_model"));
    }

    private void createRegisteredModel(String name) {
        try {
            post("registered-models/create", Map.of("name", name));
        } catch (MlflowHttpException e) {
            // Another promotion created it since the lookup.
            if (!String.valueOf(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS")) {
                throw e;
            }
        }
    }

    /**
     * Where the new version's files are: the run's READY logged model ({@code models:/<model id>},
     * with {@code model_id}) when the run lists one as an output, else its {@code model/} artifact
     * folder (a server without logged models).
     *
     * @return the {@code model-versions/create} fields {@code source}, {@code run_id} and, for a
     *     logged model, {@code model_id}
     */
    private Map<String, String> source(Run run) {
        String runId = run.getInfo().getRunId();
        Optional<String> modelId = readyOutput(runId);
        if (modelId.isPresent()) {
            return Map.of(
                    "source",
                    "models:/" + modelId.get(),
                    "run_id",
                    runId,
                    "model_id",
                    modelId.get());
        }
        String root = ArtifactProxy.proxyRoot(run.getInfo().getArtifactUri());
        if (proxy.list(root + "/" + MODEL_FOLDER).isEmpty()) {
            throw new IllegalArgumentException(
                    "run "
                            + runId
                            + " has no logged model and no '"
                            + MODEL_FOLDER
                            + "/' artifact to register");
        }
        return Map.of(
                "source", run.getInfo().getArtifactUri() + "/" + MODEL_FOLDER, "run_id", runId);
    }

    /** The newest READY logged model among the run's outputs. */
    private Optional<String> readyOutput(String runId) {
        try {
            List<String> ids = new ArrayList<>(models.outputsOf(runId));
            Collections.reverse(ids);
            for (String id : ids) {
                if (LoggedModels.READY.equals(models.get(id).path("status").asText())) {
                    return Optional.of(id);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the models of run " + runId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading run " + runId, e);
        }
    }

    private String createVersion(String name, Map<String, String> source) {
        Map<String, String> body = new TreeMap<>(source);
        body.put("name", name);
        JsonNode resp = post("model-versions/create", body);
        return resp.path("model_version").path("version").asText();
    }

    /** The current champion's run metric, or empty when no version carries the alias. */
    private OptionalDouble championValue(JsonNode registered, String metric) {
        for (JsonNode alias : registered.path("aliases")) {
            if (CHAMPION.equals(alias.path("alias").asText())) {
                JsonNode version =
                        parse(
                                        client.sendGet(
                                                "model-versions/get?name="
                                                        + encode(registered.path("name").asText())
                                                        + "&version="
                                                        + encode(alias.path("version").asText())))
                                .path("model_version");
                Run championRun = client.getRun(version.path("run_id").asText());
                return OptionalDouble.of(metricValue(championRun, metric));
            }
        }
        return OptionalDouble.empty();
    }

    private JsonNode post(String path, Map<String, String> body) {
        try {
            return parse(client.sendPost(path, JSON.writeValueAsString(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request for " + path, e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected MLflow response: " + json, e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
