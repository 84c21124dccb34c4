package org.pdml.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a pdml command in a child JVM like this one: the same java, JVM options and classpath, so
 * a sweep's trial runs the same build with the same engine settings as the sweep that starts it.
 * Why a process per trial: trials then run in parallel without sharing one engine, each frees its
 * native memory when it ends, and one that crashes does not take the sweep with it.
 */
final class TrialLauncher {
    private final List<String> jvm;

    TrialLauncher(List<String> jvm) {
        this.jvm = List.copyOf(jvm);
    }

    /** The launcher for this JVM: its java, its input arguments, its classpath, pdml's Main. */
    static TrialLauncher ofThisJvm() {
        List<String> command = new ArrayList<>();
        command.add(
                ProcessHandle.current()
                        .info()
                        .command()
                        .orElse(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString()));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger agent would make the child listen on the parent's port and fail.
            if (!arg.startsWith("-agentlib:jdwp") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return new TrialLauncher(command);
    }

    /**
     * Runs {@code pdml <args>} to its end, its standard output and error in {@code log}.
     *
     * @param args the pdml command and its arguments
     * @param log the log file, replaced
     * @return the exit status
     * @throws IOException if the process cannot start or the log cannot be written
     * @throws InterruptedException if interrupted while waiting (the child is then destroyed)
     */
    int run(List<String> args, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(jvm);
        command.addAll(args);
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            throw e;
        }
    }
}
