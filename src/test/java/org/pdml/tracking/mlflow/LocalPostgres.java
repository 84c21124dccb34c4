package org.pdml.tracking.mlflow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for one test: {@code initdb} into a fresh temp folder, a server on
 * a free 127.0.0.1 port with its unix socket in that folder, password ({@code scram-sha-256})
 * authentication over TCP and trust over the socket. initdb refuses to run as root, so every
 * PostgreSQL command runs as the OS user {@value #OS_USER} through {@code runuser}, which needs
 * root; {@link #unavailable()} says when this machine cannot do that. {@link #close()} stops the
 * server ({@code pg_ctl stop -m fast}) and deletes the folder; a JVM exit without {@code close}
 * stops it from a shutdown hook.
 */
final class LocalPostgres implements AutoCloseable {
    /** The OS user that owns the cluster. */
    static final String OS_USER = "postgres";

    private static final long COMMAND_TIMEOUT_S = 120;
    private static final List<String> TOOLS = List.of("initdb", "pg_ctl", "createdb");

    private final Path bin;
    private final Path root;
    private final int port;
    private final Thread stopOnExit = new Thread(this::stop, "pdml-postgres-stop");
    private boolean started;

    private LocalPostgres(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.port = port;
    }

    /**
     * Says why this machine cannot run a cluster.
     *
     * @return the reason, or empty when {@link #start} can work
     */
    static Optional<String> unavailable() {
        Optional<Path> bin = binDir();
        if (bin.isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (initdb) on the PATH");
        }
        for (String tool : TOOLS) {
            if (!Files.isExecutable(bin.get().resolve(tool))) {
                return Optional.of("no " + tool + " beside " + bin.get().resolve("initdb"));
            }
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            return Optional.of(
                    "running as "
                            + user
                            + ", not root: runuser cannot switch to the "
                            + OS_USER
                            + " user, and initdb refuses root");
        }
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            return Optional.of("no OS user " + OS_USER + " to own the cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** The folder holding initdb, following symlinks (/usr/local/bin to the versioned one). */
    private static Optional<Path> binDir() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path initdb = Path.of(dir.isEmpty() ? "." : dir, "initdb");
            if (Files.isExecutable(initdb)) {
                try {
                    return Optional.of(initdb.toRealPath().getParent());
                } catch (IOException e) {
                    // a dangling link: keep looking
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Creates and starts a cluster whose superuser and one database are given, as the {@code
     * postgres} image does with {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} and {@code
     * POSTGRES_DB}.
     *
     * @param user the superuser
     * @param password its password, required over TCP
     * @param database the database to create, owned by {@code user}
     * @return the running cluster
     * @throws IllegalStateException when {@link #unavailable()} is not empty or a command fails
     * @throws IOException when the temp folder or password file cannot be written
     */
    static LocalPostgres start(String user, String password, String database) throws IOException {
        unavailable()
                .ifPresent(
                        why -> {
                            throw new IllegalStateException(why);
                        });
        Path root = Files.createTempDirectory("pdml-pg-it");
        LocalPostgres pg = new LocalPostgres(binDir().orElseThrow(), root, freePort());
        try {
            pg.init(user, password);
            pg.startServer();
            pg.postgres("createdb", "-h", pg.socketDir(), "-p", "" + pg.port, "-U", user, database);
            return pg;
        } catch (RuntimeException | IOException e) {
            pg.close();
            throw e;
        }
    }

    private static int freePort() {
        return LocalMlflowServer.freePort();
    }

    private void init(String user, String password) throws IOException {
        Path pwfile = Files.writeString(root.resolve("pwfile"), password + "\n");
        Files.createDirectories(root.resolve("socket"));
        run(List.of("chown", "-R", OS_USER + ":", root.toString()));
        postgres(
                "initdb",
                "-D",
                dataDir(),
                "-U",
                user,
                "--pwfile=" + pwfile,
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--no-instructions");
    }

    private void startServer() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        started = true;
        String options = "-p " + port + " -k " + socketDir() + " -c listen_addresses=127.0.0.1";
        String log = root.resolve("server.log").toString();
        postgres("pg_ctl", "start", "-D", dataDir(), "-l", log, "-w", "-t", "60", "-o", options);
    }

    /**
     * Returns the TCP port.
     *
     * @return the port on 127.0.0.1
     */
    int port() {
        return port;
    }

    private String dataDir() {
        return root.resolve("data").toString();
    }

    private String socketDir() {
        return root.resolve("socket").toString();
    }

    /** Runs a PostgreSQL tool from {@link #bin} as {@link #OS_USER}. */
    private void postgres(String tool, String... args) {
        List<String> cmd =
                new ArrayList<>(List.of("runuser", "-u", OS_USER, "--", bin.resolve(tool) + ""));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private void run(List<String> cmd) {
        Path log = root.resolve("commands.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            Process p = pb.start();
            if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " timed out; log:\n" + read(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(
                        cmd + " exited " + p.exitValue() + ":\n" + read(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server and deletes the cluster folder. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down (the hook stops it), or never registered
        }
        try {
            stop();
        } finally {
            deleteTree(root);
        }
    }

    private void stop() {
        if (started) {
            started = false;
            postgres("pg_ctl", "stop", "-D", dataDir(), "-m", "fast", "-w");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
