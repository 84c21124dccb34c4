package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.testing.SyntheticExamples;
import org.pdml.testing.TorchVenv;

/**
 * The exported model folder is an MLflow Model, read by MLflow 3.1.1's own API from the test venv:
 * flavours, loader, signature (uint8 images [N, H, W, 3] in; embedding, direction and κ out) and
 * input example. When the pip torch venv exists (as for PortableEmbeddingsIT), {@code
 * mlflow.pyfunc.load_model} also runs the folder on real PNGs and must reproduce {@code pdml
 * embed}'s embeddings within 1e-4; otherwise that test is skipped, saying why.
 */
class MlflowModelIT {
    private static final double TOLERANCE = 1e-4;

    @TempDir static Path tmp;
    private static Path model;

    @BeforeAll
    static void train() throws IOException {
        Path examples = tmp.resolve("examples");
        SyntheticExamples.write(examples, 6, 0, 6, 32, 5L);
        assertThat(Cli.trainTiny(examples, tmp.resolve("run")).status()).isZero();
        model = tmp.resolve("run/model");
    }

    @Test
    void mlflowReadsTheFolderAsAModelWithItsSignatureAndExample() throws Exception {
        JsonNode r = check(List.of(model.toString()));
        assertThat(r.get("flavors"))
                .extracting(JsonNode::asText)
                .containsExactly("pdml", "python_function");
        assertThat(r.get("loader").asText()).isEqualTo("pdml_pyfunc");
        JsonNode in = r.get("inputs").get(0);
        assertThat(in.at("/tensor-spec/dtype").asText()).isEqualTo("uint8");
        assertThat(in.at("/tensor-spec/shape").toString()).isEqualTo("[-1,-1,-1,3]");
        List<String> outputs = new ArrayList<>();
        r.get("outputs")
                .forEach(o -> outputs.add(o.get("name").asText() + o.at("/tensor-spec/shape")));
        assertThat(outputs).containsExactly("embedding[-1,8]", "direction[-1,8]", "kappa[-1]");
        assertThat(r.get("example_shape").toString()).isEqualTo("[1,28,28,3]");
    }

    @Test
    void pyfuncLoadModelReproducesPdmlEmbed() throws Exception {
        Path torchSite = TorchVenv.sitePackages();
        Path images = SyntheticExamples.writeLoose(tmp.resolve("images"), 5, 48, 3);
        Path z = tmp.resolve("z");
        Cli.embedNpy(model, images, z);
        JsonNode r =
                check(
                        List.of(
                                model.toString(),
                                images.toString(),
                                z.resolve("embeddings.npy").toString(),
                                torchSite.toString()));
        System.out.printf(
                "mlflow.pyfunc vs pdml embed, %d images: max |dz| = %.3e, |dkappa| = %.3e%n",
                r.get("names").size(),
                r.get("max_abs_dz").asDouble(),
                r.get("max_abs_dkappa").asDouble());
        assertThat(Files.readAllLines(z.resolve("ids.txt")))
                .containsExactlyElementsOf(toList(r.get("names")));
        assertThat(r.get("max_abs_dz").asDouble()).isLessThanOrEqualTo(TOLERANCE);
        assertThat(r.get("max_abs_dkappa").asDouble()).isLessThanOrEqualTo(TOLERANCE);
        assertThat(r.get("example_prediction_shape").toString()).isEqualTo("[1,8]");
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode check(List<String> args) throws Exception {
        Path script = tmp.resolve("check_mlflow_model.py");
        try (InputStream in =
                MlflowModelIT.class.getResourceAsStream("/mlflowmodel/check_mlflow_model.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("pdml.venv"), "bin", "python")
                                        .toString(),
                                script.toString()));
        cmd.addAll(args);
        Path log = tmp.resolve("python-" + args.size() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("MLMODEL ")).findFirst().orElseThrow();
        return new ObjectMapper().readTree(line.substring("MLMODEL ".length()));
    }
}
