package org.pdml.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether the NVIDIA driver's user-space library {@code libcuda.so.1} is installed, found without
 * loading it: in the folders of {@code LD_LIBRARY_PATH}, the usual driver folders, or the dynamic
 * linker's cache ({@code ldconfig -p}).
 */
public final class GpuDriver {
    static final String LIBCUDA = "libcuda.so.1";

    private static final List<String> USUAL_DIRS =
            List.of(
                    "/usr/lib/x86_64-linux-gnu",
                    "/usr/lib64",
                    "/usr/lib",
                    "/usr/local/nvidia/lib64",
                    "/usr/lib/wsl/lib");

    private GpuDriver() {}

    /**
     * Looks for {@code libcuda.so.1}.
     *
     * @return true when it is installed
     */
    public static boolean present() {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(USUAL_DIRS);
        for (String dir : dirs) {
            if (!dir.isBlank() && Files.exists(Path.of(dir, LIBCUDA))) {
                return true;
            }
        }
        return inLinkerCache();
    }

    private static boolean inLinkerCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                try (InputStream in = p.getInputStream()) {
                    String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor(10, TimeUnit.SECONDS);
                    return out.contains(LIBCUDA + " ");
                }
            } catch (IOException e) {
                // not at this place: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
