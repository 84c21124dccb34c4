package org.pdml.app;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.pdml.model.DeviceChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pdml engine}: loads the PyTorch engine from the requested libtorch and prints what loaded
 * (version, flavour, libtorch folder, CUDA runtime, GPUs) and the device a stage would use. The
 * images run it at build time, so that a libtorch that cannot load fails the image build, and the
 * CPU image's libtorch is unpacked once there rather than in every container.
 */
@Command(
        name = "engine",
        mixinStandardHelpOptions = true,
        description =
                "Load the PyTorch engine (--libtorch, else $PDML_LIBTORCH, else bundled-cpu) and"
                        + " print its version, flavour, libtorch folder and the device chosen"
                        + " (--device, default auto). Exit status 1 when it does not load or the"
                        + " device is not usable.")
public final class EngineCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private DeviceArgs deviceArgs;

    @Override
    public Integer call() {
        Optional<DeviceChoice> choice =
                DeviceArgs.choose(deviceArgs.libtorchRequest(), deviceArgs.request(), spec, false);
        if (choice.isEmpty()) {
            return Main.FAILED;
        }
        DeviceChoice c = choice.get();
        var out = spec.commandLine().getOut();
        out.println("pdml " + VersionProvider.version());
        out.println("engine: " + c.facts().describe());
        out.println("device: " + c.device() + " (" + c.reason() + ")");
        out.flush();
        return 0;
    }
}
