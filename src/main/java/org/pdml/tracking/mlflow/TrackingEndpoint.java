package org.pdml.tracking.mlflow;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Where the tracking server is and how to authenticate, read the way MLflow's own clients read it:
 * {@code MLFLOW_TRACKING_URI}, {@code MLFLOW_TRACKING_TOKEN} (bearer), {@code
 * MLFLOW_TRACKING_USERNAME}/{@code MLFLOW_TRACKING_PASSWORD} (basic, preferred over the token as in
 * the Java client), {@code MLFLOW_TRACKING_INSECURE_TLS}. User-info in the URI ({@code
 * http://user:pass@host}) is moved into the basic credentials. {@link #toString()} never shows a
 * secret.
 */
public final class TrackingEndpoint {

    /** Connect timeout of every request pdml itself sends (fail fast, then retry on our terms). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long a reachable server may take to answer the start-up probe (a busy or just-started
     * server can be slow; an absent one fails at connect).
     */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private final String uri;
    private final String username;
    private final String password;
    private final String token;
    private final boolean insecureTls;

    private TrackingEndpoint(
            String uri, String username, String password, String token, boolean insecure) {
        this.uri = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        this.username = username;
        this.password = password;
        this.token = token;
        this.insecureTls = insecure;
    }

    /**
     * Reads the endpoint from MLflow's environment variables.
     *
     * @param env the environment, usually {@code System.getenv()}
     * @return empty when {@code MLFLOW_TRACKING_URI} is unset or blank
     * @throws TrackingUnavailableException for a URI that is not {@code http(s)://}
     */
    public static Optional<TrackingEndpoint> fromEnvironment(Map<String, String> env) {
        String uri = env.get("MLFLOW_TRACKING_URI");
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(of(uri.trim(), env));
    }

    /**
     * An endpoint for {@code uri} with the credentials found in {@code env}.
     *
     * @param uri an {@code http(s)://} tracking URI, possibly with user-info
     * @param env environment holding the credential variables
     * @return the endpoint
     * @throws TrackingUnavailableException for a URI that is not {@code http(s)://}
     */
    public static TrackingEndpoint of(String uri, Map<String, String> env) {
        URI parsed = URI.create(uri);
        String scheme = parsed.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new TrackingUnavailableException(
                    "MLFLOW_TRACKING_URI must be http(s)://host:port (the MLflow Java client"
                            + " cannot write local file stores); unset it to let pdml start a"
                            + " local server",
                    null);
        }
        String user = env.get("MLFLOW_TRACKING_USERNAME");
        String pass = env.get("MLFLOW_TRACKING_PASSWORD");
        String info = parsed.getRawUserInfo();
        if (info != null && user == null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            pass = colon < 0 ? pass : decode(info.substring(colon + 1));
        }
        String bare = uri.replaceFirst("://[^/@]+@", "://");
        boolean insecure = "true".equalsIgnoreCase(env.get("MLFLOW_TRACKING_INSECURE_TLS"));
        return new TrackingEndpoint(bare, user, pass, env.get("MLFLOW_TRACKING_TOKEN"), insecure);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * The tracking URI without user-info.
     *
     * @return e.g. {@code http://127.0.0.1:5000}
     */
    public String uri() {
        return uri;
    }

    /**
     * A Java client for this endpoint, authenticated like MLflow's Python client.
     *
     * @return a new client; close it
     */
    public MlflowClient newClient() {
        return new MlflowClient(
                new BasicMlflowHostCreds(uri, username, password, token, insecureTls));
    }

    /**
     * The {@code Authorization} header value: basic when username and password are set, else bearer
     * when a token is set.
     *
     * @return the header value, or empty for an unauthenticated server
     */
    Optional<String> authorization() {
        if (username != null && password != null) {
            String pair = username + ":" + password;
            return Optional.of(
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return token == null ? Optional.empty() : Optional.of("Bearer " + token);
    }

    /**
     * A request builder for a path under the server root, with credentials and a timeout.
     *
     * @param path e.g. {@code /health}
     * @param timeout the whole request's timeout
     * @return the builder
     */
    HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri + path)).timeout(timeout);
        authorization().ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    /**
     * An HTTP client with pdml's short connect timeout.
     *
     * @return a new client
     */
    static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /**
     * Fails fast when the server cannot be reached or refuses the credentials, by listing one
     * experiment.
     *
     * @throws TrackingUnavailableException naming the URI and the remedy
     */
    public void requireReachable() {
        HttpRequest req =
                request("/api/2.0/mlflow/experiments/search?max_results=1", RESPONSE_TIMEOUT)
                        .GET()
                        .build();
        int status;
        try {
            status = httpClient().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new TrackingUnavailableException(unreachable(e.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingUnavailableException(unreachable("interrupted"), e);
        }
        if (status == 401 || status == 403) {
            throw new TrackingUnavailableException(
                    "MLflow tracking server at "
                            + uri
                            + " rejected the credentials (HTTP "
                            + status
                            + "); check MLFLOW_TRACKING_TOKEN or"
                            + " MLFLOW_TRACKING_USERNAME/PASSWORD",
                    null);
        }
        if (status >= 300) {
            throw new TrackingUnavailableException(unreachable("HTTP " + status), null);
        }
    }

    /**
     * GETs a REST resource that may be absent, without the Java client: {@code MlflowHttpCaller}
     * retries every error status three times, each time logging a WARN about a rate limit, even for
     * the 404 of a resource that merely does not exist yet (a new experiment or model).
     *
     * @param apiPath the path under {@code /api/2.0/mlflow/}, query included and encoded
     * @return the JSON body, or empty when the server answers 404
     * @throws TrackingUnavailableException when the server is unreachable or answers another error
     *     status
     */
    Optional<String> getIfPresent(String apiPath) {
        HttpRequest req = request("/api/2.0/mlflow/" + apiPath, RESPONSE_TIMEOUT).GET().build();
        HttpResponse<String> resp;
        try {
            resp = httpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TrackingUnavailableException(unreachable(e.toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingUnavailableException(unreachable("interrupted"), e);
        }
        if (resp.statusCode() == 404) {
            return Optional.empty();
        }
        if (resp.statusCode() >= 300) {
            throw new TrackingUnavailableException(
                    "MLflow tracking server at "
                            + uri
                            + " answered GET "
                            + apiPath
                            + " with HTTP "
                            + resp.statusCode()
                            + ": "
                            + resp.body(),
                    null);
        }
        return Optional.of(resp.body());
    }

    private String unreachable(String why) {
        return "MLflow tracking server at "
                + uri
                + " is unreachable ("
                + why
                + "); start it,"
                + " point MLFLOW_TRACKING_URI at a running server, or pass --tracking off";
    }

    @Override
    public String toString() {
        return "TrackingEndpoint[" + uri + (authorization().isPresent() ? ", authenticated]" : "]");
    }
}
