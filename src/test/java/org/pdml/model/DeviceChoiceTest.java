package org.pdml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.pdml.config.DeviceRequest;

/**
 * Device resolution: which device each request gets from given engine facts, and what a refused GPU
 * request says. The facts are plain values (what {@link EngineFacts#probe()} reads from DJL); the
 * last tests use the real engine of this GPU-less machine.
 */
class DeviceChoiceTest {
    private static final EngineFacts CPU_BUILD =
            new EngineFacts("2.7.1", "cpu", "/c/2.7.1-cpu-linux-x86_64", false, "none", 0, "none");
    private static final EngineFacts CUDA_NO_GPU =
            new EngineFacts("2.7.1", "cu128", "/v/torch/lib", true, "none", 0, "none");
    private static final EngineFacts TWO_GPUS =
            new EngineFacts("2.7.1", "cu128", "/v/torch/lib", true, "12080", 2, "NVIDIA H100");

    private static DeviceChoice resolve(String request, EngineFacts facts) {
        return DeviceChoice.resolve(DeviceRequest.parse(request), facts);
    }

    @Test
    void cpuIsAlwaysTheCpuEvenWithGpus() {
        assertThat(resolve("cpu", TWO_GPUS).device()).isEqualTo(Device.cpu());
    }

    @Test
    void autoTakesGpuZeroOnlyWhenACudaBuildSeesAGpu() {
        DeviceChoice gpu = resolve("auto", TWO_GPUS);
        assertThat(gpu.device()).isEqualTo(Device.gpu(0));
        assertThat(gpu.reason()).contains("2 GPU(s) visible", "NVIDIA H100");

        DeviceChoice cpuBuild = resolve("auto", CPU_BUILD);
        assertThat(cpuBuild.device()).isEqualTo(Device.cpu());
        assertThat(cpuBuild.reason()).contains("CPU-only build (cpu)");

        DeviceChoice noGpu = resolve("auto", CUDA_NO_GPU);
        assertThat(noGpu.device()).isEqualTo(Device.cpu());
        assertThat(noGpu.reason()).contains("(cu128) has CUDA but sees no GPU");
    }

    @Test
    void cudaTakesTheIndexAskedFor() {
        assertThat(resolve("cuda", TWO_GPUS).device()).isEqualTo(Device.gpu(0));
        assertThat(resolve("cuda:1", TWO_GPUS).device()).isEqualTo(Device.gpu(1));
    }

    @Test
    void cudaOnACpuBuildFailsSayingWhatWasFound() {
        assertThatThrownBy(() -> resolve("cuda", CPU_BUILD))
                .isInstanceOf(DeviceChoice.DeviceUnavailableException.class)
                .hasMessageContaining("device cuda:0 was asked for")
                .hasMessageContaining("the libtorch loaded has no CUDA")
                .hasMessageContaining("flavour cpu")
                .hasMessageContaining("libtorch /c/2.7.1-cpu-linux-x86_64")
                .hasMessageContaining("CUDA runtime none")
                .hasMessageContaining("0 GPUs")
                .hasMessageContaining("docs/operations.md §4");
    }

    @Test
    void cudaWithoutAVisibleGpuPointsAtTheDriver() {
        assertThatThrownBy(() -> resolve("cuda", CUDA_NO_GPU))
                .hasMessageContaining("no GPU is visible")
                .hasMessageContaining("flavour cu128, built with CUDA")
                .hasMessageContaining("nvidia-smi");
    }

    @Test
    void anIndexPastTheLastGpuNamesTheValidRange() {
        assertThatThrownBy(() -> resolve("cuda:2", TWO_GPUS))
                .hasMessageContaining("device cuda:2 was asked for")
                .hasMessageContaining("only 2 GPU(s) are visible (cuda:0 to cuda:1)");
    }

    @Test
    void tagsRecordDeviceRequestReasonAndEngine() {
        var tags = resolve("auto", TWO_GPUS).tags();
        assertThat(tags)
                .containsEntry("pdml.device", Device.gpu(0).toString())
                .containsEntry("pdml.device.requested", "auto")
                .containsEntry("pdml.engine.flavour", "cu128")
                .containsEntry("pdml.engine.libtorch", "/v/torch/lib")
                .containsEntry("pdml.gpu.count", "2")
                .containsEntry("pdml.gpu.name", "NVIDIA H100");
    }

    @Test
    void flavourComesFromTheEnvironmentElseFromDjlsCacheFolderName() {
        assertThat(EngineFacts.flavourOf("cu128", "/x/2.7.1-cpu-linux-x86_64")).isEqualTo("cu128");
        assertThat(EngineFacts.flavourOf(null, "/h/.djl.ai/pytorch/2.7.1-cpu-linux-x86_64"))
                .isEqualTo("cpu");
        assertThat(
                        EngineFacts.flavourOf(
                                null, "/h/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64"))
                .isEqualTo("cpu");
        assertThat(EngineFacts.flavourOf(null, "/h/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64"))
                .isEqualTo("cu128");
        assertThat(EngineFacts.flavourOf("", "/v/lib/python3.11/site-packages/torch/lib"))
                .isEqualTo("unknown");
    }

    @Test
    void thisMachinesRealEngineIsACpuBuildWithoutGpus() {
        EngineFacts facts = EngineFacts.probe();
        assertThat(facts.version()).isEqualTo("2.7.1");
        assertThat(facts.flavour()).isEqualTo("cpu");
        assertThat(facts.cudaBuilt()).isFalse();
        assertThat(facts.gpuCount()).isZero();
        assertThat(DeviceChoice.choose(DeviceRequest.AUTO).device()).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> DeviceChoice.choose(DeviceRequest.parse("cuda")))
                .hasMessageContaining("libtorch " + facts.libtorchPath());
    }
}
