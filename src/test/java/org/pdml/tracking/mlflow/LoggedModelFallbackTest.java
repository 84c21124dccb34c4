package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.tracking.MlflowClient;
import org.pdml.tracking.SecretRedactor;

/**
 * A MODEL record sent to a server without MLflow 3 logged models goes to the run's artifacts under
 * {@code model/}, subfolders included, and the log says so once. No MLflow 2.x can run here (the
 * test venv pins 3.1.1), so the server is a <b>fake</b> on loopback that answers as MLflow 2.x's
 * Flask app does: 404 with an HTML page for the unknown {@code logged-models} routes, and the
 * artifact proxy's PUT for uploads.
 */
class LoggedModelFallbackTest {

    private static final String ROOT = "1/abc/artifacts";

    @TempDir Path tmp;
    private HttpServer fakeMlflow2;
    private final Map<String, byte[]> uploads = new TreeMap<>();

    @BeforeEach
    void startFake() throws IOException {
        fakeMlflow2 =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fakeMlflow2.createContext("/", this::answer);
        fakeMlflow2.start();
    }

    @AfterEach
    void stopFake() {
        fakeMlflow2.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String prefix = "/api/2.0/mlflow-artifacts/artifacts/";
        byte[] body = ex.getRequestBody().readAllBytes();
        if (ex.getRequestMethod().equals("PUT") && path.startsWith(prefix)) {
            synchronized (uploads) {
                uploads.put(path.substring(prefix.length()), body);
            }
            reply(ex, 200, "{}");
        } else {
            reply(ex, 404, "<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>");
        }
    }

    private static void reply(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void withoutLoggedModelsTheFolderBecomesRunArtifactsAndTheLogSaysSoOnce() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model/code"));
        Files.writeString(tmp.resolve("model/MLmodel"), "flavors: {}\n");
        Files.writeString(dir.resolve("loader.py"), "# loader\n");
        SpoolRecord record =
                new SpoolRecord(
                        3,
                        SpoolRecord.Kind.MODEL,
                        "abc",
                        ROOT + "/model",
                        new ModelRecord(tmp.resolve("model"), "1", Optional.of("root")).toJson(),
                        0,
                        0,
                        0);
        String uri = "http://127.0.0.1:" + fakeMlflow2.getAddress().getPort();
        TrackingEndpoint endpoint = TrackingEndpoint.of(uri, Map.of());
        MlflowClient client = endpoint.newClient();
        MlflowDelivery delivery =
                new MlflowDelivery(client, endpoint, SecretRedactor.of(List.of()));

        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            delivery.deliver(List.of(record));
            delivery.deliver(List.of(record));
        } finally {
            System.setErr(stderr);
            client.close();
        }
        assertThat(uploads.keySet())
                .containsExactly(ROOT + "/model/MLmodel", ROOT + "/model/code/loader.py");
        assertThat(new String(uploads.get(ROOT + "/model/code/loader.py"), StandardCharsets.UTF_8))
                .isEqualTo("# loader\n");
        String said = log.toString(StandardCharsets.UTF_8);
        assertThat(said.split("no MLflow 3 logged models", -1)).hasSize(2);
        assertThat(said).contains("run abc", "under model/");
    }
}
