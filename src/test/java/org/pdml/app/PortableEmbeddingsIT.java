package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.NpyArray;
import org.pdml.config.ConfigLoader;
import org.pdml.data.EvalTransforms;
import org.pdml.data.RecordTransforms;
import org.pdml.eval.EmbedInputs;
import org.pdml.testing.SyntheticExamples;
import org.pdml.testing.TorchVenv;

/**
 * A Python user reproduces {@code pdml embed}: the tiny smoke model is trained, {@code pdml embed}
 * (the CLI) embeds PNGs and a JPEG of several sizes and aspect ratios (downscaled by 2.5× to 8×, so
 * antialiasing matters, one upscaled, one whose crop offset rounds half to even, grey and
 * transparent ones), and the Python code of docs/usage.md §4 ({@code pdml_embed}: PIL decode, the
 * card's {@code preprocessing} with torch ops, {@code embedder.pt}) runs on the same files under
 * the pip torch venv. Its embeddings must agree within {@link #TOLERANCE}; the largest differences
 * of embeddings and of model inputs are printed.
 *
 * <p>The venv is {@code -Dpdml.torchVenv} (default {@code .cache/torch-venv}), as for {@link
 * PipLibtorchIT}; the test is skipped, saying why, when it is not ready. Pillow comes from that
 * venv or, when it has none, from the site-packages of {@code -Dpdml.venv} (same Python version),
 * appended after the torch venv's own; without Pillow the test is skipped, saying so.
 */
class PortableEmbeddingsIT {
    /** Bound on |Δz| between pdml embed and the documented Python code. */
    static final double TOLERANCE = 1e-5;

    private static final Pattern PYTHON_BLOCK =
            Pattern.compile(
                    "```python\n((?:(?!```).)*def pdml_embed(?:(?!```).)*)```", Pattern.DOTALL);

    @TempDir Path tmp;

    @Test
    void theDocumentedPythonCodeReproducesPdmlEmbed() throws Exception {
        Path python = requireTorchVenv().resolve("bin/python");
        Optional<String> extraSite = pillowPath(python);
        Path model = train();
        Path work = tmp.resolve("work");
        writeImages(work.resolve("images"));
        Path z = tmp.resolve("z");
        Cli.embedNpy(model, work.resolve("images"), z);
        Files.copy(z.resolve("ids.txt"), work.resolve("ids.txt"));
        writeFloats(
                work.resolve("embeddings.f32"),
                NpyArray.read(z.resolve("embeddings.npy")).toFloats());
        writeJavaInputs(model, work);

        JsonNode card = new ObjectMapper().readTree(model.resolve("model_card.json").toFile());
        System.out.println("model card preprocessing: " + card.get("preprocessing"));
        assertThat(card.at("/preprocessing/resize").asInt()).isEqualTo(32);
        assertThat(card.at("/preprocessing/center_crop").asInt()).isEqualTo(28);
        assertThat(card.at("/preprocessing/interpolation").asText()).isEqualTo("bilinear");
        assertThat(card.at("/preprocessing/antialias").asBoolean()).isTrue();
        JsonNode r = runPython(python, extraSite, model, work);
        System.out.printf(
                "pdml embed vs docs/usage.md's torch code (torch %s), %d images: max |Δz| = %.3e,"
                        + " max |Δinput| = %.3e; per image |Δz| %s%n",
                r.get("torch").asText(),
                r.get("ids").size(),
                r.get("max_abs_dz").asDouble(),
                r.get("max_abs_dx").asDouble(),
                r.get("dz"));
        assertThat(r.get("ids").size()).isEqualTo(8);
        assertThat(r.get("z_norm_min").asDouble()).as("a non-trivial embedding").isGreaterThan(0);
        assertThat(r.get("max_abs_dz").asDouble()).isLessThanOrEqualTo(TOLERANCE);
    }

    /** The pip torch venv; skips the test, saying why, when it is not ready. */
    private static Path requireTorchVenv() {
        return TorchVenv.require();
    }

    /**
     * Where Pillow comes from: empty when the torch venv has it, else a site-packages folder of
     * {@code -Dpdml.venv} that gives the torch venv's Python a working {@code PIL.Image}; skips the
     * test, saying why, when neither does.
     */
    private static Optional<String> pillowPath(Path python) throws Exception {
        if (importsPillow(python, null)) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        String pdmlVenv = System.getProperty("pdml.venv");
        if (pdmlVenv != null && Files.isDirectory(Path.of(pdmlVenv, "lib"))) {
            try (Stream<Path> libs = Files.list(Path.of(pdmlVenv, "lib"))) {
                libs.map(l -> l.resolve("site-packages")).forEach(candidates::add);
            }
        }
        for (Path site : candidates) {
            if (Files.isDirectory(site.resolve("PIL")) && importsPillow(python, site.toString())) {
                return Optional.of(site.toString());
            }
        }
        assumeTrue(
                false,
                "the torch venv "
                        + python
                        + " has no Pillow, and -Dpdml.venv ("
                        + pdmlVenv
                        + ") gives it none: pip install pillow there, or point -Dpdml.venv"
                        + " at a venv of the same Python version that has it");
        return Optional.empty();
    }

    private static boolean importsPillow(Path python, String extraSite) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                                python.toString(),
                                "-c",
                                "import os, sys\n"
                                        + "e = os.environ.get('PDML_EXTRA_SITE')\n"
                                        + "e and sys.path.append(e)\n"
                                        + "import PIL.Image")
                        .redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (extraSite != null) {
            pb.environment().put("PDML_EXTRA_SITE", extraSite);
        }
        Process p = pb.start();
        return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    /** Trains the tiny smoke config for one epoch; returns the model folder. */
    private Path train() throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        Path run = tmp.resolve("run");
        assertThat(Cli.trainTiny(examples, run).status()).isZero();
        return run.resolve("model");
    }

    /**
     * Eight images, resized to the smoke config's shorter side 32 and cropped to 28: a 100×80 PNG
     * (2.5× down), 20×24 (upscaled), 37×200 (tall), 257×260 (8× down), 62×48 (41×32: the crop's
     * left offset round(4.5) is 4), a 90×64 JPEG, a grey 50×70 PNG, and an RGBA 48×48 PNG with
     * fully transparent and fully opaque pixels.
     */
    private static void writeImages(Path dir) throws IOException {
        Files.createDirectories(dir);
        int[][] sizes = {{100, 80}, {20, 24}, {37, 200}, {257, 260}, {62, 48}};
        for (int i = 0; i < sizes.length; i++) {
            BufferedImage im = picture(sizes[i][0], sizes[i][1], BufferedImage.TYPE_INT_RGB, i);
            ImageIO.write(im, "png", dir.resolve("rgb" + i + ".png").toFile());
        }
        ImageIO.write(
                picture(90, 64, BufferedImage.TYPE_INT_RGB, 5),
                "jpg",
                dir.resolve("photo.jpg").toFile());
        ImageIO.write(
                picture(50, 70, BufferedImage.TYPE_BYTE_GRAY, 6),
                "png",
                dir.resolve("grey.png").toFile());
        ImageIO.write(
                picture(48, 48, BufferedImage.TYPE_INT_ARGB, 7),
                "png",
                dir.resolve("alpha.png").toFile());
    }

    /** Stripes of a period and angle set by the seed, a colour ramp and pixel noise. */
    private static BufferedImage picture(int w, int h, int type, long seed) {
        Random rnd = new Random(seed);
        double period = 3 + rnd.nextInt(9);
        double angle = rnd.nextDouble() * Math.PI;
        BufferedImage im = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x * Math.cos(angle) + y * Math.sin(angle);
                int s = (int) (127.5 + 110 * Math.sin(2 * Math.PI * u / period));
                int r = clamp(s + rnd.nextInt(31) - 15);
                int g = clamp(255 * x / w + rnd.nextInt(31) - 15);
                int b = clamp(255 * y / h + rnd.nextInt(31) - 15);
                int a = (x / 8 + y / 8) % 3 == 0 ? 0 : 255;
                im.setRGB(x, y, (a << 24) | (r << 16) | (g << 8) | b);
            }
        }
        return im;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** Writes pdml's eval input of every image, in pdml embed's row order, as x<i>.f32. */
    private static void writeJavaInputs(Path model, Path work) throws IOException {
        EvalTransforms t =
                RecordTransforms.evaluation(
                        ConfigLoader.load(model.resolve("config.yaml"), List.of())
                                .config()
                                .train()
                                .augmentation());
        EmbedInputs inputs = EmbedInputs.of(work.resolve("images"));
        for (int i = 0; i < inputs.size(); i++) {
            writeFloats(work.resolve("x" + i + ".f32"), t.apply(inputs.image(i)));
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }

    /** Runs the check script on the docs' Python block; returns its result line. */
    private JsonNode runPython(Path python, Optional<String> extraSite, Path model, Path work)
            throws Exception {
        Matcher m =
                PYTHON_BLOCK.matcher(
                        Files.readString(Path.of("docs/usage.md"), StandardCharsets.UTF_8));
        assertThat(m.find()).as("docs/usage.md has a python block defining pdml_embed").isTrue();
        Path snippet = Files.writeString(tmp.resolve("snippet.py"), m.group(1));
        Path script = tmp.resolve("check_embeddings.py");
        try (InputStream in = getClass().getResourceAsStream("/portable/check_embeddings.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        ProcessBuilder pb =
                new ProcessBuilder(
                                python.toString(),
                                script.toString(),
                                snippet.toString(),
                                model.toString(),
                                work.toString())
                        .redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("python.log").toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        extraSite.ifPresent(s -> pb.environment().put("PDML_EXTRA_SITE", s));
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the Python check finishes").isTrue();
        String log = Files.readString(tmp.resolve("python.log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("python:\n" + log).isZero();
        String line = log.lines().filter(l -> l.startsWith("PORTABLE ")).findFirst().orElseThrow();
        return new ObjectMapper().readTree(line.substring("PORTABLE ".length()));
    }
}
