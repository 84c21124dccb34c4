/**
 * TorchScript export of pdml's embedding models and import of TorchScript backbones.
 *
 * <p>DJL 0.36 cannot trace or script its own blocks: {@code JniUtils.writeModule} only writes a
 * {@code PtSymbolBlock} that was itself loaded from TorchScript, and the JNI exposes no {@code
 * torch.jit.trace} or compiler. pdml therefore writes the TorchScript archive itself: each block
 * emits its TorchScript expression ({@link org.pdml.model.torchscript.TorchScriptable}), the
 * weights go into the archive's pickled module with raw little-endian storages, and libtorch loads
 * the result like any {@code torch.jit.save} output.
 */
package org.pdml.model.torchscript;
