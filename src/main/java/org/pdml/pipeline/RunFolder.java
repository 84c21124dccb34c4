package org.pdml.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pdml.config.PdmlConfig;

/**
 * The folder of one {@code pdml run}: {@code
 * <runs_root>/<experiment>/<YYYY-MM-DD_HH-MM-SS>_<name>/} with the resolved {@code config.yaml},
 * {@code provenance.json}, {@code stages.json} (per stage: fingerprint, stage folder, output,
 * output hash, reused or not) and the links {@code model} and {@code eval} into the stage store, so
 * a run folder shows its results whether they were computed by this run or reused.
 */
public final class RunFolder {
    /** File listing the stage outputs of the run. */
    public static final String STAGES = "stages.json";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss", Locale.ROOT);

    private RunFolder() {}

    /**
     * Creates a new run folder.
     *
     * @param c the run's config
     * @param now local time for the stamp
     * @return the folder (created)
     * @throws IOException if it cannot be created
     */
    public static Path create(PdmlConfig c, LocalDateTime now) throws IOException {
        Path parent = Files.createDirectories(Path.of(c.runsRoot(), c.experiment()));
        String base = now.format(STAMP) + "_" + c.name();
        // A fully cached run can finish within the second: number the later ones.
        for (int i = 1; ; i++) {
            Path run = parent.resolve(i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(run);
            } catch (FileAlreadyExistsException e) {
                // taken by an earlier run in the same second; try the next number
            }
        }
    }

    /**
     * Returns the stage store of a config: {@code <runs_root>/stages}.
     *
     * @param c the run's config
     * @return the store's root
     */
    public static Path storeRoot(PdmlConfig c) {
        return Path.of(c.runsRoot(), "stages");
    }

    /**
     * Writes {@code stages.json} and links {@code model} (the train output's model folder) and
     * {@code eval} (the evaluate output) when those stages are present.
     *
     * @param run the run folder
     * @param outputs the pipeline's outputs
     * @throws IOException if writing fails
     */
    public static void record(Path run, Map<StageName, StageOutput> outputs) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        outputs.forEach((name, out) -> json.put(name.wireName(), entry(out)));
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(run.resolve(STAGES).toFile(), json);
        if (outputs.containsKey(StageName.TRAIN)) {
            link(run.resolve("model"), TrainNode.modelDir(outputs.get(StageName.TRAIN)));
        }
        if (outputs.containsKey(StageName.EVALUATE)) {
            link(run.resolve("eval"), outputs.get(StageName.EVALUATE).output());
        }
    }

    private static Map<String, Object> entry(StageOutput out) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("fingerprint", out.fingerprint());
        e.put("dir", out.dir().toString());
        e.put("output", out.output().toString());
        e.put("output_sha256", out.outputSha256());
        e.put("reused", out.reused());
        return e;
    }

    /** A relative link, so a moved runs root keeps working. */
    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Path parent = link.toAbsolutePath().normalize().getParent();
        Files.createSymbolicLink(link, parent.relativize(target.toAbsolutePath().normalize()));
    }
}
