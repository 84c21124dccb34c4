package org.pdml.testing;

import ai.djl.Device;
import org.junit.jupiter.api.Assumptions;
import org.pdml.config.DeviceRequest;
import org.pdml.model.DeviceChoice;
import org.pdml.model.EngineFacts;

/**
 * The device that a {@code gpu}-tagged test runs on: {@code cuda:0} when the loaded libtorch is a
 * CUDA build that sees a GPU, otherwise the test is skipped (a JUnit assumption, not a failure)
 * with the device choice's own message, which names the engine flavour, libtorch path, CUDA runtime
 * and GPU count that were found.
 *
 * <p>The system property {@value #PROPERTY} names another device; {@code cpu} runs the tests' own
 * code on a machine without a GPU, with the CPU standing in for the GPU. That checks the tests, not
 * a GPU: every CPU-versus-"GPU" comparison is then trivially equal.
 */
public final class GpuDevice {
    /** System property: the device the gpu tests target ({@code cuda:N} or {@code cpu}). */
    public static final String PROPERTY = "pdml.test.gpu.device";

    private GpuDevice() {}

    /**
     * Returns the device to test, or aborts the calling test as skipped, saying why.
     *
     * @return a GPU device ({@code cpu} only where {@value #PROPERTY} asks for it)
     */
    public static Device requireGpu() {
        DeviceRequest request = DeviceRequest.parse(System.getProperty(PROPERTY, "cuda:0"));
        if (request.kind() == DeviceRequest.Kind.CPU) {
            return Device.cpu();
        }
        EngineFacts facts = EngineFacts.probe();
        try {
            return DeviceChoice.resolve(request, facts).device();
        } catch (DeviceChoice.DeviceUnavailableException e) {
            Assumptions.abort("gpu test skipped: " + e.getMessage());
            throw e; // not reached: abort always throws
        }
    }
}
