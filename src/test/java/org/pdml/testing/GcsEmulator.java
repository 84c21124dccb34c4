package org.pdml.testing;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real GCS emulator: fake-gcs-server (a Go program), installed on first use with {@code go
 * install} into {@code .cache/go-bin/} and started on 127.0.0.1 on a free port with an in-memory
 * backend. Beam reaches it through {@code --gcsEndpoint} with no credentials; the
 * google-cloud-storage client through {@link #client()}.
 */
public final class GcsEmulator implements AutoCloseable {
    /** The Go module and its pinned version. */
    public static final String MODULE = "github.com/fsouza/fake-gcs-server@v1.56.1";

    private static final Path BIN_DIR = Path.of(".cache", "go-bin").toAbsolutePath();
    private static final long INSTALL_MINUTES = 20;

    private final Process process;
    private final int port;
    private final List<String> log = new ArrayList<>();

    private GcsEmulator(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Finds the emulator binary, installing it with {@code go install} when missing.
     *
     * @return the binary, or empty if it is not installed and no {@code go} command exists
     * @throws IllegalStateException with the installer's output if {@code go install} fails
     * @throws IOException if the installer cannot be started
     * @throws InterruptedException if interrupted while installing
     */
    public static Optional<Path> binary() throws IOException, InterruptedException {
        Path bin = BIN_DIR.resolve("fake-gcs-server");
        if (Files.isExecutable(bin)) {
            return Optional.of(bin);
        }
        Optional<Path> go = goCommand();
        if (go.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(BIN_DIR);
        Path installLog = BIN_DIR.resolve("install.log");
        ProcessBuilder pb = new ProcessBuilder(go.get().toString(), "install", MODULE);
        pb.environment().put("GOBIN", BIN_DIR.toString());
        pb.redirectErrorStream(true).redirectOutput(installLog.toFile());
        Process p = pb.start();
        if (!p.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("go install " + MODULE + " timed out; " + installLog);
        }
        if (p.exitValue() != 0 || !Files.isExecutable(bin)) {
            throw new IllegalStateException(
                    "go install " + MODULE + " failed:\n" + Files.readString(installLog));
        }
        return Optional.of(bin);
    }

    /**
     * Installs (when needed) and starts the emulator with one empty bucket, or skips the calling
     * test class, saying why, when no {@code go} command can install it.
     *
     * @param bucket the bucket to create
     * @return the running emulator; close it to stop it
     * @throws IOException if it cannot be installed or started
     * @throws InterruptedException if interrupted while installing
     */
    public static GcsEmulator startWithBucket(String bucket)
            throws IOException, InterruptedException {
        Optional<Path> bin = binary();
        Assumptions.assumeTrue(
                bin.isPresent(),
                "no 'go' command, so fake-gcs-server ("
                        + MODULE
                        + ") cannot be installed: the gs:// tests are skipped");
        GcsEmulator gcs = start(bin.get());
        gcs.client().create(BucketInfo.of(bucket));
        return gcs;
    }

    /**
     * Starts the emulator and returns once it serves requests.
     *
     * @param binary the fake-gcs-server binary
     * @return the running emulator; close it to stop it
     * @throws IOException if it cannot be started or exits before it is ready
     */
    public static GcsEmulator start(Path binary) throws IOException {
        int port = freePort();
        String hostPort = "127.0.0.1:" + port;
        ProcessBuilder pb =
                new ProcessBuilder(
                        binary.toString(),
                        "-scheme",
                        "http",
                        "-host",
                        "127.0.0.1",
                        "-port",
                        Integer.toString(port),
                        "-backend",
                        "memory",
                        "-public-host",
                        hostPort,
                        "-external-url",
                        "http://" + hostPort);
        GcsEmulator e = new GcsEmulator(pb.redirectErrorStream(true).start(), port);
        e.awaitReady();
        return e;
    }

    /** Reads the server's output until it reports that it listens, then drains it in the back. */
    private void awaitReady() throws IOException {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            log.add(line);
            if (line.contains("server started at")) {
                Thread drain = new Thread(() -> drain(out), "fake-gcs-server-log");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IOException("fake-gcs-server exited before it was ready:\n" + log);
    }

    private void drain(BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (log) {
                    log.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the HTTP root of the emulator.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Returns the Beam pipeline options that point Beam's GCS filesystem at the emulator.
     *
     * @return {@code --gcsEndpoint=…/storage/v1/} and a credential factory that sends none
     */
    public List<String> beamOptions() {
        return List.of(
                "--gcsEndpoint=" + endpoint() + "/storage/v1/",
                "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
                "--project=pdml-test");
    }

    /**
     * Returns a google-cloud-storage client of the emulator.
     *
     * @return an unauthenticated client
     */
    public Storage client() {
        return StorageOptions.newBuilder()
                .setHost(endpoint())
                .setProjectId("pdml-test")
                .setCredentials(NoCredentials.getInstance())
                .build()
                .getService();
    }

    /** Stops the emulator and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            // Why: close() runs in cleanup; keep the interrupt for the caller, still kill.
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Optional<Path> goCommand() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.add("/usr/local/go/bin");
        for (String d : dirs) {
            Path go = Path.of(d, "go");
            if (!d.isEmpty() && Files.isExecutable(go)) {
                return Optional.of(go);
            }
        }
        return Optional.empty();
    }
}
