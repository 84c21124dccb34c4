package org.pdml.app;

import java.util.List;
import java.util.Optional;
import org.pdml.config.DeviceRequest;
import org.pdml.model.DeviceChoice;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --device}: the compute device of {@code train}, {@code evaluate}, {@code embed} and {@code
 * run}. For the config-driven commands it is the override {@code train.device=<value>}, applied
 * after the other overrides, so the config validator checks it like any key.
 */
final class DeviceArgs {
    @Option(
            names = "--device",
            paramLabel = "auto|cpu|cuda|cuda:N",
            description =
                    "Compute device; the same as train.device=<value> (default: the config's"
                            + " train.device, else auto). cuda fails at once without a usable GPU.")
    String device;

    /**
     * The flag as config overrides.
     *
     * @return {@code [train.device=<value>]}, or empty without the flag
     */
    List<String> overrides() {
        return device == null ? List.of() : List.of("train.device=" + device);
    }

    /**
     * Chooses the device before any work and says which and why on the error stream; a GPU that was
     * asked for and is not usable is reported there instead, so a run fails at once rather than
     * after preprocessing.
     *
     * @param request what the config or flag asks for
     * @param spec the running command
     * @return the choice, or empty after the error was printed
     */
    static Optional<DeviceChoice> choose(DeviceRequest request, CommandSpec spec) {
        try {
            DeviceChoice choice = DeviceChoice.choose(request);
            spec.commandLine().getErr().println(choice.summary());
            return Optional.of(choice);
        } catch (DeviceChoice.DeviceUnavailableException e) {
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
}
