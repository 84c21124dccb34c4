package org.pdml.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.eval.EmbedFormat;
import org.pdml.eval.EmbedStage;
import org.pdml.model.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdml embed}: wires {@link EmbedStage} to the command line. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description =
                "Write the embedding z, direction z/|z| and kappa = |z| of every image with a"
                        + " trained model.")
public final class EmbedCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--model", required = true, description = "Model folder from `pdml train`.")
    private Path model;

    @Option(
            names = "--images",
            required = true,
            description = "Examples folder from `pdml preprocess`, image folder, or image file.")
    private Path images;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            converter = FormatConverter.class,
            description = "jsonl (one object per image) or npy (a folder of arrays).")
    private EmbedFormat format;

    @Option(names = "--out", required = true, description = "Output file (jsonl) or folder (npy).")
    private Path out;

    @Mixin private DeviceArgs deviceArgs;

    @Override
    public Integer call() throws Exception {
        Optional<DeviceChoice> device =
                DeviceArgs.choose(deviceArgs.libtorchRequest(), deviceArgs.request(), spec, true);
        if (device.isEmpty()) {
            return Main.FAILED;
        }
        int n = EmbedStage.run(model, images, format, out, device.get().device());
        spec.commandLine().getOut().println("embedded " + n + " images: " + out);
        return 0;
    }

    /** Accepts the format names in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<EmbedFormat> {
        @Override
        public EmbedFormat convert(String value) {
            return EmbedFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
