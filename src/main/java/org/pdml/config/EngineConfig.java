package org.pdml.config;

/**
 * The deep-learning engine's native library. Not part of any stage fingerprint: every allowed
 * libtorch is 2.7.1, and the same training gives the same parameters within float tolerance.
 *
 * @param libtorch {@code bundled-cpu}, {@code pip} or a libtorch folder (see {@link
 *     LibtorchRequest})
 */
public record EngineConfig(
        @Doc(
                        "libtorch the engine loads: bundled-cpu (Maven natives), pip (PyPI torch"
                                + " 2.7.1 in a venv pdml creates, CUDA-capable) or the path of a"
                                + " libtorch 2.7.1 folder")
                String libtorch) {

    /**
     * The parsed request.
     *
     * @return the request
     * @throws IllegalArgumentException if the value is malformed (the validator reports it first)
     */
    public LibtorchRequest libtorchRequest() {
        return LibtorchRequest.parse(libtorch);
    }
}
