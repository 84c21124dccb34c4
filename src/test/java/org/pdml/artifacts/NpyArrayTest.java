package org.pdml.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPY files written by Java are read by numpy and vice versa; bad files fail by name. */
class NpyArrayTest {
    @TempDir Path dir;

    private static String python() {
        String p = System.getProperty("pdml.python");
        assertThat(p).as("system property pdml.python (set by the build)").isNotNull();
        return p;
    }

    private String runPython(String script) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(python(), "-c", script)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.trim();
    }

    @Test
    void numpyReadsWhatJavaWrites() throws Exception {
        NpyArray.writeFloats(dir.resolve("z.npy"), new float[] {1.5f, -2, 0, 3.25f, 7, 8}, 2, 3);
        NpyArray.writeLongs(dir.resolve("y.npy"), new long[] {5, -1, 1L << 40});
        NpyArray.writeBytes(dir.resolve("r.npy"), new byte[] {0, 1, 2});
        String out =
                runPython(
                        "import numpy as np\n"
                                + "z=np.load('z.npy'); y=np.load('y.npy'); r=np.load('r.npy')\n"
                                + "print(z.dtype, z.shape, z.tolist(), y.dtype, y.tolist(),"
                                + " r.dtype, r.tolist())");
        assertThat(out)
                .isEqualTo(
                        "float32 (2, 3) [[1.5, -2.0, 0.0], [3.25, 7.0, 8.0]] int64 [5, -1,"
                                + " 1099511627776] int8 [0, 1, 2]");
    }

    @Test
    void javaReadsWhatNumpyWrites() throws Exception {
        runPython(
                "import numpy as np\n"
                        + "np.save('z.npy', np.arange(12, dtype='<f4').reshape(4, 3) / 4)\n"
                        + "np.save('y.npy', np.array([3, 1, 4, 1], dtype='<i8'))\n"
                        + "np.save('r.npy', np.array([0, 1, 2, 1], dtype='i1'))\n"
                        + "np.save('wide.npy', np.zeros((2, 3), dtype='<f8'))\n");
        NpyArray z = NpyArray.read(dir.resolve("z.npy")).require(NpyArray.FLOAT32, 2);
        assertThat(z.shape()).containsExactly(4, 3);
        assertThat(z.toFloats()[5]).isEqualTo(1.25f);
        assertThat(NpyArray.read(dir.resolve("y.npy")).toLongs()).containsExactly(3, 1, 4, 1);
        assertThat(NpyArray.read(dir.resolve("r.npy")).toBytes()).containsExactly(0, 1, 2, 1);
        assertThatThrownBy(() -> NpyArray.read(dir.resolve("wide.npy")))
                .hasMessageContaining("wide.npy")
                .hasMessageContaining("<f8");
    }

    @Test
    void headersArePaddedToSixtyFourBytes() throws IOException {
        Path f = dir.resolve("a.npy");
        NpyArray.writeLongs(f, new long[] {1, 2});
        assertThat((Files.size(f) - 16) % 64).isZero();
    }

    @Test
    void truncatedDataAndWrongRankFailNamingTheFile() throws IOException {
        Path f = dir.resolve("t.npy");
        NpyArray.writeFloats(f, new float[] {1, 2, 3, 4}, 2, 2);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 3));
        assertThatThrownBy(() -> NpyArray.read(f))
                .hasMessageContaining("t.npy")
                .hasMessageContaining("header promises 16");
        NpyArray.writeFloats(f, new float[] {1, 2, 3, 4}, 4);
        assertThatThrownBy(() -> NpyArray.read(f).require(NpyArray.FLOAT32, 2))
                .hasMessageContaining("t.npy")
                .hasMessageContaining("expected rank 2");
        Files.write(f, List.of("not numpy"));
        assertThatThrownBy(() -> NpyArray.read(f)).hasMessageContaining("bad magic");
    }
}
