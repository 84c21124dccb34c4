package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image of {@code infra/docker} as far as it can exist without a container builder: its own
 * folder {@value #HOME} laid out in a temporary folder (each COPY a link to the same file of this
 * checkout), its ENV with {@value #HOME} mapped to that folder, its RUN steps run there with {@code
 * /bin/sh -c} except the package installs, and its ENTRYPOINT run with that environment from its
 * WORKDIR. The base image's part is this machine's: its {@code PATH} with this JVM's {@code java}
 * first.
 */
final class ImageLayout {
    /** The folder that holds everything an image adds of its own. */
    static final String HOME = "/opt/pdml";

    private final DockerfileSpec.Image image;
    private final Path root;
    private final Path logs;
    private final String name;

    private ImageLayout(DockerfileSpec.Image image, Path root, Path logs, String name) {
        this.image = image;
        this.root = root;
        this.logs = logs;
        this.name = name;
    }

    /**
     * Lays out the image that one of a Dockerfile's build commands makes.
     *
     * @param dockerfile the Dockerfile
     * @param tag the image, e.g. {@code pdml:cpu}
     * @param root the folder standing for {@value #HOME}
     * @param logs where the commands' logs go
     * @return the layout, its COPY links written
     */
    static ImageLayout of(Path dockerfile, String tag, Path root, Path logs) throws Exception {
        DockerfileSpec spec = DockerfileSpec.read(dockerfile);
        String basePath =
                Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH");
        DockerfileSpec.Image image =
                spec.image(spec.build(tag).buildArgs(), Map.of("PATH", basePath));
        assertThat(image.workdir()).as(dockerfile + " WORKDIR").isEqualTo(HOME);
        Files.createDirectories(root);
        for (DockerfileSpec.Copy c : image.copies()) {
            assertThat(c.sources()).as("one source per COPY in " + dockerfile).hasSize(1);
            assertThat(c.destination()).as("COPY destination").startsWith(HOME + "/");
            Path source = Path.of(c.sources().get(0)).toAbsolutePath();
            assertThat(source).as("COPY source of " + tag).exists();
            Path target = root.resolve(c.destination().substring(HOME.length() + 1));
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, source);
        }
        return new ImageLayout(image, root, logs, tag.replace(':', '-'));
    }

    /**
     * The folder standing for {@value #HOME}.
     *
     * @return the folder
     */
    Path root() {
        return root;
    }

    /**
     * The image's environment, {@value #HOME} mapped to {@link #root()}; this machine's {@code
     * PDML_*} and {@code PYTORCH_*} variables, which the image does not have, map to null
     * (removed).
     *
     * @return name → value
     */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        // what this machine sets for pdml or DJL is not in the image
        System.getenv().keySet().stream()
                .filter(k -> k.startsWith("PDML_") || k.startsWith("PYTORCH_"))
                .forEach(k -> env.put(k, null));
        image.env().forEach((k, v) -> env.put(k, here(v)));
        return env;
    }

    private String here(String text) {
        return text.replace(HOME, root.toString());
    }

    /**
     * Runs the RUN steps that need no package manager, in order, as the image build runs them.
     *
     * @param limit how long each may run
     * @return the output of every step run, concatenated
     * @throws AssertionError naming the step when one fails
     */
    String build(Duration limit) throws Exception {
        StringBuilder out = new StringBuilder();
        int step = 0;
        for (String run : image.runs()) {
            step++;
            if (run.startsWith("apt-get ")) {
                System.out.printf("[%s] RUN %d skipped (system packages): %s%n", name, step, run);
                continue;
            }
            List<String> cmd = List.of("/bin/sh", "-c", here(run));
            LoggedProcess.Output o =
                    LoggedProcess.run(logs, name + "-run" + step, cmd, env(), root, limit);
            assertThat(o.status()).as("RUN %s%n%s", run, o.tail()).isZero();
            out.append(o.text());
        }
        return out.toString();
    }

    /**
     * Runs the ENTRYPOINT with arguments from the WORKDIR.
     *
     * @param log the log's name
     * @param limit how long it may run
     * @param args the arguments after the entrypoint
     * @return status and output
     */
    LoggedProcess.Output entrypoint(String log, Duration limit, String... args) throws Exception {
        assertThat(image.entrypoint()).as("an exec-form ENTRYPOINT").isNotEmpty();
        List<String> cmd = new ArrayList<>();
        image.entrypoint().forEach(a -> cmd.add(here(a)));
        cmd.addAll(List.of(args));
        assertThat(executableOnPath(cmd.get(0))).as(cmd.get(0) + " on the PATH").isTrue();
        return LoggedProcess.run(logs, name + "-" + log, cmd, env(), root, limit);
    }

    private boolean executableOnPath(String command) {
        if (command.contains("/")) {
            return Files.isExecutable(Path.of(command));
        }
        for (String dir : env().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
