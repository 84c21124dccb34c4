package org.pdml.model.torchscript;

/** A block that can write its forward computation as TorchScript. */
public interface TorchScriptable {

    /**
     * Emits the TorchScript statements computing this block's output from {@code input}.
     *
     * @param emitter collects statements, parameters and buffers
     * @param input the TorchScript variable holding the block's single input tensor
     * @return the TorchScript variable holding the block's single output tensor
     */
    String emitTorchScript(TorchScriptEmitter emitter, String input);
}
