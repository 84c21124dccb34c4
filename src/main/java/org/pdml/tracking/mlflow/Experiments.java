package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Finds an experiment by name, creating it when missing. The lookup bypasses the Java client (see
 * {@link TrackingEndpoint#getIfPresent}), so the first run of a new experiment logs no spurious
 * WARN.
 */
final class Experiments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Experiments() {}

    /**
     * Returns the id of the active experiment {@code name}, creating it when there is none.
     *
     * @param endpoint the tracking server
     * @param client a client of the same server (for the create call)
     * @param name the experiment name
     * @return the experiment id
     * @throws IllegalStateException when the experiment exists but is deleted (MLflow keeps its
     *     name until the deleted experiment is purged)
     * @throws TrackingUnavailableException when the server cannot be asked
     */
    static String idFor(TrackingEndpoint endpoint, MlflowClient client, String name) {
        Optional<String> found = lookup(endpoint, name);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            return client.createExperiment(name);
        } catch (MlflowHttpException e) {
            // Another process may have created it between the lookup and the create.
            return lookup(endpoint, name).orElseThrow(() -> e);
        }
    }

    /**
     * Looks an experiment up by name.
     *
     * @param endpoint the tracking server
     * @param name the experiment name
     * @return its id, or empty when there is no experiment of that name
     * @throws IllegalStateException when the experiment is deleted
     */
    static Optional<String> lookup(TrackingEndpoint endpoint, String name) {
        String path =
                "experiments/get-by-name?experiment_name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8);
        return endpoint.getIfPresent(path).map(body -> activeId(endpoint, name, body));
    }

    private static String activeId(TrackingEndpoint endpoint, String name, String body) {
        JsonNode experiment;
        try {
            experiment = JSON.readTree(body).path("experiment");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unexpected MLflow response: " + body, e);
        }
        if ("deleted".equals(experiment.path("lifecycle_stage").asText())) {
            throw new IllegalStateException(
                    "MLflow experiment '"
                            + name
                            + "' on "
                            + endpoint.uri()
                            + " is deleted; restore it (mlflow experiments restore) or choose"
                            + " another name with --experiment");
        }
        return experiment.path("experiment_id").asText();
    }
}
