package org.pdml.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pdml.config.DeviceRequest;
import org.pdml.config.LibtorchRequest;
import org.pdml.config.PdmlConfig;
import org.pdml.model.DeviceChoice;
import org.pdml.model.LibtorchLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --device} and {@code --libtorch}: the compute device and the libtorch of {@code train},
 * {@code evaluate}, {@code embed} and {@code run}. For the config-driven commands they are the
 * overrides {@code train.device=<value>} and {@code engine.libtorch=<value>}, applied after the
 * other overrides, so the config validator checks them like any key.
 */
final class DeviceArgs {
    @Option(
            names = "--device",
            paramLabel = "auto|cpu|cuda|cuda:N",
            description =
                    "Compute device; the same as train.device=<value> (default: the config's"
                            + " train.device, else auto). cuda fails at once without a usable GPU.")
    String device;

    @Option(
            names = "--libtorch",
            paramLabel = "bundled-cpu|pip|PATH",
            description =
                    "libtorch the engine loads; the same as engine.libtorch=<value> (default: the"
                            + " config's engine.libtorch, else bundled-cpu). pip: PyPI's CUDA"
                            + " torch 2.7.1 in a venv made on first use.")
    String libtorch;

    /**
     * The flags as config overrides.
     *
     * @return {@code train.device=<value>} and {@code engine.libtorch=<value>} for the flags given
     */
    List<String> overrides() {
        List<String> o = new ArrayList<>();
        if (device != null) {
            o.add("train.device=" + device);
        }
        if (libtorch != null) {
            o.add("engine.libtorch=" + libtorch);
        }
        return o;
    }

    /**
     * Loads the config's libtorch and chooses its device, before any work.
     *
     * @param config the resolved config
     * @param spec the running command
     * @param announce whether to print the choice (train and run leave that to the training stage,
     *     which prints it where it starts, so that it is said once)
     * @return the choice, or empty after the error was printed
     */
    static Optional<DeviceChoice> choose(PdmlConfig config, CommandSpec spec, boolean announce) {
        return choose(
                config.engine().libtorchRequest(), config.train().deviceRequest(), spec, announce);
    }

    /**
     * Loads the engine from the requested libtorch ({@link LibtorchLoader}), chooses the device
     * before any work and says which and why on the error stream; a libtorch that cannot load, or a
     * GPU that was asked for and is not usable, is reported there instead, so a run fails at once
     * rather than after preprocessing.
     *
     * @param libtorch what the config or flag asks the engine to load
     * @param request what the config or flag asks for
     * @param spec the running command
     * @param announce whether to print the choice
     * @return the choice, or empty after the error was printed
     */
    static Optional<DeviceChoice> choose(
            LibtorchRequest libtorch, DeviceRequest request, CommandSpec spec, boolean announce) {
        try {
            LibtorchLoader.load(libtorch);
            DeviceChoice choice = DeviceChoice.choose(request);
            if (announce) {
                spec.commandLine().getErr().println(choice.summary());
            }
            return Optional.of(choice);
        } catch (LibtorchLoader.LibtorchException | DeviceChoice.DeviceUnavailableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The request for a command without a config ({@code embed}).
     *
     * @return the flag's request, or {@code auto} without it
     * @throws IllegalArgumentException naming the accepted forms if the value is malformed
     */
    DeviceRequest request() {
        if (device == null) {
            return DeviceRequest.AUTO;
        }
        try {
            return DeviceRequest.parse(device);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device " + e.getMessage(), e);
        }
    }

    /**
     * The libtorch for a command without a config ({@code embed}).
     *
     * @return the flag's request, or {@code bundled-cpu} without it
     * @throws IllegalArgumentException naming the accepted forms if the value is malformed
     */
    LibtorchRequest libtorchRequest() {
        if (libtorch == null) {
            return LibtorchRequest.BUNDLED_CPU;
        }
        try {
            return LibtorchRequest.parse(libtorch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--libtorch " + e.getMessage(), e);
        }
    }
}
