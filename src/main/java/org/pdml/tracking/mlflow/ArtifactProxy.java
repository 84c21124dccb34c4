package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pdml.tracking.SecretRedactor;

/**
 * The tracking server's artifact proxy ({@code mlflow server --serve-artifacts}), spoken with
 * {@link HttpClient} because the Java client's artifact calls shell out to the Python CLI: {@code
 * PUT /api/2.0/mlflow-artifacts/artifacts/<path>} uploads a file (raw body), {@code GET
 * …/artifacts?path=<path>} lists a folder.
 */
final class ArtifactProxy {

    private static final String BASE = "/api/2.0/mlflow-artifacts/artifacts";
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrackingEndpoint endpoint;
    private final HttpClient http = TrackingEndpoint.httpClient();

    /**
     * Creates the proxy client.
     *
     * @param endpoint the tracking server
     */
    ArtifactProxy(TrackingEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Converts a run's {@code artifact_uri} into the proxy path of its root.
     *
     * @param artifactUri e.g. {@code mlflow-artifacts:/1/abc/artifacts}
     * @return e.g. {@code 1/abc/artifacts}
     * @throws TrackingUnavailableException when the server does not proxy artifacts
     */
    static String proxyRoot(String artifactUri) {
        String prefix = "mlflow-artifacts:";
        if (!artifactUri.startsWith(prefix)) {
            throw new TrackingUnavailableException(
                    "the run's artifact URI "
                            + artifactUri
                            + " is not served by the tracking"
                            + " server; start mlflow server with --serve-artifacts",
                    null);
        }
        String rest = artifactUri.substring(prefix.length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        return rest.replaceFirst("^/+", "");
    }

    /**
     * Uploads a file, redacted, to a proxy path.
     *
     * @param file the local file
     * @param proxyPath {@code <exp_id>/<run_id>/artifacts/<relative path>}
     * @param redactor applied to the file bytes
     * @throws IOException on transport errors (retryable)
     * @throws ArtifactRejectedException when the server answers with a 4xx
     */
    void upload(Path file, String proxyPath, SecretRedactor redactor)
            throws IOException, InterruptedException {
        byte[] body = redactor.redact(Files.readAllBytes(file));
        HttpRequest req =
                endpoint.request(BASE + "/" + encodePath(proxyPath), UPLOAD_TIMEOUT)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        checkStatus(resp, "upload of " + file + " to " + proxyPath);
    }

    /**
     * Lists a folder of the artifact store.
     *
     * @param proxyPath a folder, e.g. {@code 1/abc/artifacts/model}
     * @return the relative paths of its entries; empty for a missing folder
     * @throws UncheckedIOException on transport errors
     */
    List<String> list(String proxyPath) {
        String q = "?path=" + URLEncoder.encode(proxyPath, StandardCharsets.UTF_8);
        HttpRequest req = endpoint.request(BASE + q, TrackingEndpoint.RESPONSE_TIMEOUT).build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            checkStatus(resp, "listing of " + proxyPath);
            List<String> out = new ArrayList<>();
            JSON.readTree(resp.body()).path("files").forEach(f -> out.add(path(f)));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list artifacts at " + proxyPath, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing " + proxyPath, e);
        }
    }

    private static String path(JsonNode f) {
        return f.path("path").asText();
    }

    private static void checkStatus(HttpResponse<String> resp, String what) throws IOException {
        int s = resp.statusCode();
        if (s >= 200 && s < 300) {
            return;
        }
        String msg = what + " failed: HTTP " + s + " " + resp.body();
        if (s >= 400 && s < 500 && s != 408 && s != 429) {
            throw new ArtifactRejectedException(msg);
        }
        throw new IOException(msg);
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String seg : path.split("/")) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    /** The server refused an artifact or a logged model for good (a 4xx other than 408/429). */
    static final class ArtifactRejectedException extends RuntimeException {
        ArtifactRejectedException(String message) {
            super(message);
        }
    }
}
