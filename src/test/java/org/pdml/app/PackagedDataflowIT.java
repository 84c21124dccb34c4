package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.preprocess.testing.SyntheticImages;

/**
 * The Dataflow builds as they ship, run as users and images run them: {@code ./mvnw -Pdist,dataflow
 * package} (one nested build gives both the launcher's jar + {@code classpath.txt} and the shaded
 * {@code target/dataflow/pdml.jar}), then {@code pdml preprocess --runner dataflow} on a small
 * folder dataset through {@code PDML_PROFILE=dataflow ./pdml} and through the image's entrypoint
 * ({@code infra/docker/Dockerfile.cpu} as {@code pdml:cpu-dataflow} builds it: its ENTRYPOINT and
 * ENV, with the jar path replaced by the jar its COPY names).
 *
 * <p>Without {@code --tempLocation}, Beam's DataflowRunner first needs Google credentials to find
 * its default bucket, and with none it stops with Beam's own "Unable to get application default
 * credentials" before any request is sent. So each run must end there: with the credentials
 * message, after the Dataflow runner's options and classes have loaded, and not with a missing
 * class ({@code NoClassDefFoundError: org/hamcrest/Matcher} once, issue 18). No lookup may leave
 * the machine: {@code NO_GCE_CHECK=true} skips the metadata server, {@code
 * GOOGLE_APPLICATION_CREDENTIALS} names a file that does not exist (so Application Default
 * Credentials stop at it), and HTTP(S) proxies on a closed loopback port catch any request that a
 * later Beam might still try; the test also fails if the output shows one.
 */
class PackagedDataflowIT {
    private static final Path TARGET = Path.of("target", "dataflow");
    private static final Path LOGS = Path.of("target", "packaged-dataflow-it");
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(20);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);
    private static final String CREDENTIALS_MESSAGE =
            "Unable to get application default credentials";

    @TempDir static Path tmp;

    private static Path dataset;

    @BeforeAll
    static void buildTheDataflowJarsAndADataset() throws Exception {
        LoggedProcess.buildJar(LOGS, "dist,dataflow", TARGET.resolve("pdml.jar"), BUILD_LIMIT);
        assertThat(TARGET.resolve("classpath.txt")).isRegularFile();

        dataset = Files.createDirectories(tmp.resolve("folder"));
        for (int c = 0; c < 4; c++) {
            Path dir = Files.createDirectories(dataset.resolve("class" + c));
            for (int i = 0; i < 2; i++) {
                Files.write(
                        dir.resolve("img" + i + ".png"),
                        SyntheticImages.write(SyntheticImages.gradient(20 + c, 24 + i), "png"));
            }
        }
    }

    @Test
    void theLaunchersDataflowClasspathReachesTheCredentialsCheck() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./pdml"));
        cmd.addAll(preprocessArgs("launcher"));
        Map<String, String> env = new LinkedHashMap<>(noCloudEnv());
        env.put("PDML_PROFILE", "dataflow");
        env.put("JAVA_TOOL_OPTIONS", LOOPBACK_PROXIES);
        LoggedProcess.Output out = run("launcher", cmd, env, Path.of("."), RUN_LIMIT);
        assertThat(out.text())
                .as("the launcher found the built jar")
                .doesNotContain("[pdml] building");
        assertReachedTheCredentialsCheck(out);
    }

    @Test
    void theShadedJarRunAsTheImageRunsItReachesTheCredentialsCheck() throws Exception {
        DockerfileSpec cpu = DockerfileSpec.read(Path.of("infra", "docker", "Dockerfile.cpu"));
        DockerfileSpec.Image image =
                cpu.image(
                        cpu.build("pdml:cpu-dataflow").buildArgs(),
                        Map.of("PATH", System.getenv("PATH")));
        Path jar = TARGET.resolve("pdml.jar");
        assertThat(image.copies())
                .as("the pdml:cpu-dataflow image copies the jar run here")
                .contains(new DockerfileSpec.Copy(List.of(jar.toString()), "/opt/pdml/pdml.jar"));
        List<String> cmd = new ArrayList<>(entrypointWithJar(image, jar.toAbsolutePath()));
        cmd.addAll(preprocessArgs("image"));
        Map<String, String> env = new LinkedHashMap<>(image.env());
        // Image paths that do not exist here: the DJL cache goes to a temporary folder.
        env.put("DJL_CACHE_DIR", tmp.resolve("djl-cache").toString());
        env.merge("JAVA_TOOL_OPTIONS", LOOPBACK_PROXIES, (a, b) -> a + " " + b);
        env.putAll(noCloudEnv());
        Path workdir = Files.createDirectories(tmp.resolve("workdir"));
        LoggedProcess.Output out = run("image", cmd, env, workdir, RUN_LIMIT);
        assertReachedTheCredentialsCheck(out);
    }

    /**
     * HTTP and HTTPS through a loopback port that nothing listens on: a request that a future Beam
     * sends before it needs credentials fails here instead of leaving the machine.
     */
    private static final String LOOPBACK_PROXIES =
            "-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=9 -Dhttps.proxyHost=127.0.0.1"
                    + " -Dhttps.proxyPort=9";

    private static Map<String, String> noCloudEnv() {
        return Map.of(
                "NO_GCE_CHECK", "true",
                "GOOGLE_APPLICATION_CREDENTIALS",
                        tmp.resolve("absent").resolve("credentials.json").toString(),
                "CLOUDSDK_CONFIG", tmp.resolve("absent-gcloud").toString());
    }

    private static List<String> preprocessArgs(String name) {
        return List.of(
                "preprocess",
                "--tracking",
                "off",
                "--dataset",
                "folder",
                "--source",
                dataset.toAbsolutePath().toString(),
                "--output",
                tmp.resolve("out-" + name).toAbsolutePath().toString(),
                "--image-size",
                "16",
                "--num-shards",
                "2",
                "--runner",
                "dataflow",
                "--beam=--project=pdml-it",
                "--beam=--region=europe-west4",
                "--beam=--jobName=pdml-packaged-dataflow-it");
    }

    private static void assertReachedTheCredentialsCheck(LoggedProcess.Output out) {
        String text = out.text();
        assertThat(text)
                .as("classes missing from the packaged runtime classpath:%n%s", out.tail())
                .doesNotContain(
                        "NoClassDefFoundError",
                        "ClassNotFoundException",
                        "NoSuchMethodError",
                        "NoSuchFieldError",
                        "Unknown 'runner'",
                        "needs Beam's Dataflow runner");
        assertThat(out.status()).as(out.tail()).isEqualTo(1);
        assertThat(text)
                .as(
                        "pdml read the index and Beam's DataflowRunner asked for credentials:%n%s",
                        text)
                .contains("reading the folder index under")
                .contains("DataflowRunner.fromOptions")
                .contains(
                        "Error reading credential file from environment variable"
                                + " GOOGLE_APPLICATION_CREDENTIALS")
                .contains("error: java.lang.IllegalArgumentException: DataflowRunner requires")
                .contains("caused by: java.lang.RuntimeException: " + CREDENTIALS_MESSAGE);
        assertThat(text)
                .as("no request was sent:%n%s", text)
                .doesNotContain(
                        "UnknownHostException",
                        "Connection refused",
                        "RetryHttpRequestInitializer");
    }

    /** The image's entrypoint with its one {@code *.jar} argument replaced. */
    private static List<String> entrypointWithJar(DockerfileSpec.Image image, Path jar) {
        List<String> cmd = new ArrayList<>(image.entrypoint());
        List<Integer> jars = new ArrayList<>();
        for (int i = 0; i < cmd.size(); i++) {
            if (cmd.get(i).endsWith(".jar")) {
                jars.add(i);
            }
        }
        assertThat(jars).as("one jar in the ENTRYPOINT %s", cmd).hasSize(1);
        cmd.set(jars.get(0), jar.toString());
        return cmd;
    }

    private static LoggedProcess.Output run(
            String name, List<String> cmd, Map<String, String> env, Path dir, Duration limit)
            throws Exception {
        return LoggedProcess.run(LOGS, name, cmd, env, dir, limit);
    }
}
