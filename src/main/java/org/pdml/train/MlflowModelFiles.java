package org.pdml.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pdml.model.LibtorchLoader;
import org.pdml.model.torchscript.ExportedEmbedder;

/**
 * Makes an exported model folder an MLflow Model as well: {@code MLmodel} with a {@code
 * python_function} flavour (loader {@code code/pdml_pyfunc.py}, data the folder itself) and pdml's
 * own flavour, a signature, an input example, and {@code requirements.txt} / {@code
 * python_env.yaml} pinning torch. So {@code mlflow.pyfunc.load_model(folder)} gives the embeddings
 * that {@code pdml embed} writes: the loader applies the card's {@code preprocessing}, the same
 * arithmetic (docs/usage.md §4).
 *
 * <p>Signature: input uint8 images [N, H, W, 3] (8-bit RGB, one size per call); outputs {@code
 * embedding} and {@code direction} float32 [N, D] and {@code kappa} float32 [N]. Every file is a
 * function of D, the crop size and the layout alone (no time, no random id), so the folder stays
 * byte-stable.
 */
final class MlflowModelFiles {
    /** The MLflow version the files are written for (the tracking server's pin). */
    static final String MLFLOW_VERSION = "3.1.1";

    /** The Python minor version of {@code python_env.yaml}. */
    static final String PYTHON_VERSION = "3.11";

    static final String LOADER = "code/pdml_pyfunc.py";

    private MlflowModelFiles() {}

    /**
     * Writes the MLflow files into a model folder that already holds the embedder.
     *
     * @param dir the (staged) model folder
     * @param dim D, the embedding dimension
     * @param crop the model's input side S, for the input example
     * @return the names written, relative to {@code dir}
     * @throws IOException if writing fails
     */
    static List<String> write(Path dir, int dim, int crop) throws IOException {
        Files.createDirectories(dir.resolve("code"));
        try (InputStream in = MlflowModelFiles.class.getResourceAsStream("mlflow/pdml_pyfunc.py")) {
            if (in == null) {
                throw new IOException("pdml_pyfunc.py is missing from the pdml jar");
            }
            Files.write(dir.resolve(LOADER), in.readAllBytes());
        }
        text(dir, "MLmodel", mlmodel(embedderFiles(dir), dim));
        text(dir, "requirements.txt", requirements());
        text(dir, "python_env.yaml", pythonEnv());
        text(dir, "input_example.json", inputExample(crop));
        return List.of(
                "MLmodel", LOADER, "requirements.txt", "python_env.yaml", "input_example.json");
    }

    private static void text(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static String embedderFiles(Path dir) {
        return Files.exists(dir.resolve(ExportedEmbedder.EMBEDDER))
                ? "[" + ExportedEmbedder.EMBEDDER + "]"
                : "[" + ExportedEmbedder.BACKBONE + ", " + ExportedEmbedder.HEAD + "]";
    }

    static String mlmodel(String embedder, int dim) {
        String tensor =
                "{\"type\": \"tensor\", %s\"tensor-spec\": {\"dtype\": \"%s\", \"shape\": %s}}";
        String inputs = String.format(tensor, "", "uint8", "[-1, -1, -1, 3]");
        String outputs =
                String.join(
                        ", ",
                        String.format(
                                tensor,
                                "\"name\": \"embedding\", ",
                                "float32",
                                "[-1, " + dim + "]"),
                        String.format(
                                tensor,
                                "\"name\": \"direction\", ",
                                "float32",
                                "[-1, " + dim + "]"),
                        String.format(tensor, "\"name\": \"kappa\", ", "float32", "[-1]"));
        return String.join(
                "\n",
                "flavors:",
                "  pdml:",
                "    card: model_card.json",
                "    embedder: " + embedder,
                "    format_version: 1",
                "  python_function:",
                "    code: code",
                "    data: .",
                "    env:",
                "      virtualenv: python_env.yaml",
                "    loader_module: pdml_pyfunc",
                "    python_version: '" + PYTHON_VERSION + "'",
                "mlflow_version: " + MLFLOW_VERSION,
                "saved_input_example_info:",
                "  artifact_path: input_example.json",
                "  type: ndarray",
                "signature:",
                "  inputs: '[" + inputs + "]'",
                "  outputs: '[" + outputs + "]'",
                "  params: null",
                "");
    }

    private static String requirements() {
        return String.join(
                "\n",
                "mlflow==" + MLFLOW_VERSION,
                "torch==" + LibtorchLoader.VERSION,
                "numpy<3",
                "");
    }

    private static String pythonEnv() {
        return String.join(
                "\n",
                "python: '" + PYTHON_VERSION + "'",
                "build_dependencies:",
                "  - pip",
                "dependencies:",
                "  - -r requirements.txt",
                "");
    }

    /** One mid-grey S×S image as MLflow stores an ndarray example: {@code [[[[r,g,b],…]]]}. */
    static String inputExample(int crop) {
        String pixel = "[128, 128, 128]";
        String row = "[" + String.join(", ", java.util.Collections.nCopies(crop, pixel)) + "]";
        String image = "[" + String.join(", ", java.util.Collections.nCopies(crop, row)) + "]";
        return "[" + image + "]\n";
    }
}
