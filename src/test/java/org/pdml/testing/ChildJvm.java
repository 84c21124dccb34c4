package org.pdml.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM running pdml's CLI on the test classpath, as the jar would. */
public final class ChildJvm {
    private ChildJvm() {}

    /**
     * {@code java -Xmx1g -Dai.djl.offline=true -Djava.awt.headless=true <jvmFlags> -cp <test
     * classpath> org.pdml.app.Main <args>}.
     *
     * @param jvmFlags extra JVM flags (system properties), before the class path
     * @param args the CLI's arguments
     * @return the command, ready for a {@link ProcessBuilder}
     */
    public static List<String> pdml(List<String> jvmFlags, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx1g", "-Dai.djl.offline=true", "-Djava.awt.headless=true"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.pdml.app.Main"));
        cmd.addAll(args);
        return cmd;
    }
}
