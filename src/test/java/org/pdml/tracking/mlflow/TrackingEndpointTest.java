package org.pdml.tracking.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingEndpointTest {

    @TempDir Path tmp;

    @Test
    void credentialsAreReadLikeMlflowsClientsDoAndNeverPrinted() {
        TrackingEndpoint basic =
                TrackingEndpoint.fromEnvironment(
                                Map.of(
                                        "MLFLOW_TRACKING_URI", "http://bob:p%40ss@127.0.0.1:5000/",
                                        "MLFLOW_TRACKING_TOKEN", "tok"))
                        .orElseThrow();
        assertThat(basic.uri()).isEqualTo("http://127.0.0.1:5000");
        String expected = Base64.getEncoder().encodeToString("bob:p@ss".getBytes());
        assertThat(basic.authorization()).hasValue("Basic " + expected);
        assertThat(basic.toString()).doesNotContain("p@ss").doesNotContain("tok");

        TrackingEndpoint bearer =
                TrackingEndpoint.of("https://mlflow.example", Map.of("MLFLOW_TRACKING_TOKEN", "t"));
        assertThat(bearer.authorization()).hasValue("Bearer t");
        assertThat(TrackingEndpoint.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> TrackingEndpoint.of("file:///tmp/mlruns", Map.of()))
                .isInstanceOf(TrackingUnavailableException.class)
                .hasMessageContaining("http(s)://");
    }

    @Test
    void anUnreachableServerFailsFastWithAClearMessage() {
        int port = LocalMlflowServer.freePort(); // nothing listens there
        String uri = "http://127.0.0.1:" + port;
        MlflowTrackerSettings settings =
                MlflowTrackerSettings.defaults(TrackingEndpoint.of(uri, Map.of()), tmp);
        assertThatThrownBy(() -> MlflowRunTracker.start(settings, "e", "r"))
                .isInstanceOf(TrackingUnavailableException.class)
                .hasMessageContaining(uri)
                .hasMessageContaining("unreachable")
                .hasMessageContaining("--tracking off");
        assertThat(tmp).isEmptyDirectory(); // no spool for a run that never started
    }
}
