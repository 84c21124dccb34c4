package org.pdml.eval;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pdml.artifacts.proto.EvalReport;

/**
 * Writes an {@link EvalReport} as {@code report.pb} (binary) and {@code report.json}.
 *
 * <p>Both are canonical: {@code report.json} has the proto field order with sorted map keys, so two
 * identical evaluations write files that differ only in {@code created_at}, the report's one
 * wall-clock field. The hashes inside the report ({@code model_sha256}, {@code data_sha256}) cover
 * files that hold no time, so they are equal for identical runs.
 */
public final class EvalReportWriter {
    /** Binary file name. */
    public static final String PB = "report.pb";

    /** JSON file name. */
    public static final String JSON = "report.json";

    private EvalReportWriter() {}

    /**
     * Writes both encodings into a folder (created if absent). The JSON uses proto field names and
     * prints default values, so every metric appears even when it is 0.
     *
     * @param report the report
     * @param dir target folder
     * @throws IOException if writing fails
     */
    public static void write(EvalReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve(PB))) {
            report.writeTo(out);
        }
        String json =
                JsonFormat.printer()
                        .preservingProtoFieldNames()
                        .alwaysPrintFieldsWithNoPresence()
                        .sortingMapKeys()
                        .print(report);
        Files.writeString(dir.resolve(JSON), json + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code report.pb} back.
     *
     * @param dir the report folder
     * @return the report
     * @throws IOException if reading or parsing fails
     */
    public static EvalReport read(Path dir) throws IOException {
        return EvalReport.parseFrom(Files.readAllBytes(dir.resolve(PB)));
    }
}
