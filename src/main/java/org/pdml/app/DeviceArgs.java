package org.pdml.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * {@code evaluate}, {@code embed}, {@code run} and {@code engine}. For the config-driven commands
 * they are the overrides {@code train.device=<value>} and {@code engine.libtorch=<value>}, applied
 * after the other overrides, so the config validator checks them like any key.
 *
 * <p>Without {@code --libtorch}, the environment variable {@value #LIBTORCH_ENV} stands for it: it
 * describes the machine (an image sets it to the libtorch it installed), so it beats the config,
 * and the flag beats it.
 */
final class DeviceArgs {
    /** The environment variable that stands for {@code --libtorch} when the flag is absent. */
    static final String LIBTORCH_ENV = "PDML_LIBTORCH";

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
                            + " torch 2.7.1 in a venv made on first use. Without the flag,"
                            + " $PDML_LIBTORCH stands for it (it beats the config).")
    String libtorch;

    /**
     * The libtorch asked for on the command line or, without the flag, in {@value #LIBTORCH_ENV}.
     *
     * @param flag the {@code --libtorch} value, or null
     * @param env the environment
     * @return the value, or null when neither gives one
     */
    static String libtorchValue(String flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String v = env.get(LIBTORCH_ENV);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private String libtorchValue() {
        return libtorchValue(libtorch, System.getenv());
    }

    /**
     * The flags as config overrides.
     *
     * @return {@code train.device=<value>} and {@code engine.libtorch=<value>} for the flags given
     *     (the latter also for {@value #LIBTORCH_ENV})
     * @throws IllegalArgumentException naming {@value #LIBTORCH_ENV} if its value is malformed
     */
    List<String> overrides() {
        List<String> o = new ArrayList<>();
        if (device != null) {
            o.add("train.device=" + device);
        }
        String value = libtorchValue();
        if (value != null) {
            if (libtorch == null) {
                libtorchRequest(); // a malformed PDML_LIBTORCH is named, not engine.libtorch
            }
            o.add("engine.libtorch=" + value);
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
     * The libtorch for a command without a config ({@code embed}, {@code engine}).
     *
     * @return the flag's request, else {@value #LIBTORCH_ENV}'s, else {@code bundled-cpu}
     * @throws IllegalArgumentException naming the flag or variable and the accepted forms if the
     *     value is malformed
     */
    LibtorchRequest libtorchRequest() {
        String value = libtorchValue();
        if (value == null) {
            return LibtorchRequest.BUNDLED_CPU;
        }
        try {
            return LibtorchRequest.parse(value);
        } catch (IllegalArgumentException e) {
            String source = libtorch != null ? "--libtorch" : LIBTORCH_ENV;
            throw new IllegalArgumentException(source + " " + e.getMessage(), e);
        }
    }
}
