package org.pdml.model;

import ai.djl.Device;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pdml.config.DeviceRequest;

/**
 * The device a stage runs on, chosen from a {@link DeviceRequest} and the engine's {@link
 * EngineFacts}, with the reason in words. {@code auto} takes GPU 0 when a CUDA build of libtorch
 * sees a GPU, else the CPU; {@code cuda}/{@code cuda:N} never falls back: without a usable GPU it
 * fails at once, saying what was found and what to change.
 *
 * @param device the DJL device
 * @param request what was asked for
 * @param reason why this device, one sentence
 * @param facts the engine facts the choice rests on
 */
public record DeviceChoice(Device device, DeviceRequest request, String reason, EngineFacts facts) {

    /**
     * Chooses the device for this process's engine ({@link EngineFacts#probe()}).
     *
     * @param request what the user asked for
     * @return the choice
     * @throws DeviceUnavailableException if a GPU was asked for and none is usable
     */
    public static DeviceChoice choose(DeviceRequest request) {
        return resolve(request, EngineFacts.probe());
    }

    /**
     * Chooses the device.
     *
     * @param request what the user asked for
     * @param facts the loaded engine's facts
     * @return the choice
     * @throws DeviceUnavailableException if a GPU was asked for and none is usable
     */
    public static DeviceChoice resolve(DeviceRequest request, EngineFacts facts) {
        return switch (request.kind()) {
            case CPU -> new DeviceChoice(Device.cpu(), request, "cpu was asked for", facts);
            case AUTO -> auto(request, facts);
            case CUDA -> cuda(request, facts);
        };
    }

    private static DeviceChoice auto(DeviceRequest request, EngineFacts facts) {
        if (facts.cudaBuilt() && facts.gpuCount() > 0) {
            return new DeviceChoice(
                    Device.gpu(0),
                    request,
                    "auto: "
                            + facts.gpuCount()
                            + " GPU(s) visible, took GPU 0 ("
                            + facts.gpuName()
                            + ")",
                    facts);
        }
        String why =
                facts.cudaBuilt()
                        ? "the libtorch (" + facts.flavour() + ") has CUDA but sees no GPU"
                        : "the libtorch loaded is a CPU-only build (" + facts.flavour() + ")";
        return new DeviceChoice(Device.cpu(), request, "auto: CPU, because " + why, facts);
    }

    private static DeviceChoice cuda(DeviceRequest request, EngineFacts facts) {
        int i = request.index();
        if (facts.cudaBuilt() && i < facts.gpuCount()) {
            return new DeviceChoice(
                    Device.gpu(i), request, request + " was asked for and is visible", facts);
        }
        throw new DeviceUnavailableException(
                "device "
                        + request
                        + " was asked for, but "
                        + problem(i, facts)
                        + ". Found: "
                        + facts.describe()
                        + ". "
                        + remedy(facts));
    }

    private static String problem(int i, EngineFacts facts) {
        if (!facts.cudaBuilt()) {
            return "the libtorch loaded has no CUDA";
        }
        if (facts.gpuCount() == 0) {
            return "no GPU is visible";
        }
        return "only "
                + facts.gpuCount()
                + " GPU(s) are visible (cuda:0 to cuda:"
                + (facts.gpuCount() - 1)
                + ")";
    }

    private static String remedy(EngineFacts facts) {
        if (!facts.cudaBuilt()) {
            return "Load a CUDA build of libtorch "
                    + facts.version()
                    + " with engine.libtorch=pip or a libtorch path (docs/operations.md §4), or run"
                    + " with train.device=cpu or auto";
        }
        return "Check the NVIDIA driver (nvidia-smi) and CUDA_VISIBLE_DEVICES, or run with"
                + " train.device=cpu or auto";
    }

    /**
     * One line for the log: {@code device: gpu(0) (auto: 1 GPU(s) visible, …)}.
     *
     * @return the choice in words
     */
    public String summary() {
        return "device: " + device + " (" + reason + "; " + facts.describe() + ")";
    }

    /**
     * Run tags: {@code pdml.device}, {@code pdml.device.requested}, {@code pdml.device.reason} and
     * the engine's {@link EngineFacts#tags()}.
     *
     * @return tag → value, in a fixed order
     */
    public Map<String, String> tags() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("pdml.device", device.toString());
        t.put("pdml.device.requested", request.toString());
        t.put("pdml.device.reason", reason);
        t.putAll(facts.tags());
        return t;
    }

    /** A GPU was asked for and none is usable; the message says what was found. */
    public static final class DeviceUnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what was asked for, what was found, what to change
         */
        public DeviceUnavailableException(String message) {
            super(message);
        }
    }
}
