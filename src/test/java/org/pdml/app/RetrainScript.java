package org.pdml.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code pipelines/local/retrain.sh} with real bash and a real {@code pdml} launcher (a script
 * that starts {@link Main} on this test's classpath), as cron would.
 */
final class RetrainScript {
    /** The exit status and the merged stdout and stderr of one run. */
    record Result(int status, String out) {}

    private final Path launcher;
    private final Map<String, String> env;

    /**
     * Writes the launcher into {@code dir}.
     *
     * @param dir a folder for the launcher
     * @param env environment for the script ({@code PDML} is added)
     * @throws IOException if the launcher cannot be written
     */
    RetrainScript(Path dir, Map<String, String> env) throws IOException {
        launcher = dir.resolve("pdml");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(
                launcher,
                "#!/usr/bin/env bash\nexec '"
                        + java
                        + "' -cp '"
                        + System.getProperty("java.class.path")
                        + "' org.pdml.app.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        this.env = Map.copyOf(env);
    }

    /**
     * Runs {@code prefix… bash pipelines/local/retrain.sh args…} from the repository root.
     *
     * @param prefix words before {@code bash} (e.g. a {@code flock} holding the lock), or none
     * @param args the script's arguments
     * @return its status and output
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    Result run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add("bash");
        cmd.add("pipelines/local/retrain.sh");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PDML", launcher.toString());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
