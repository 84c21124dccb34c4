/**
 * DJL blocks of the embedding model: torchvision-layout ResNets, a small CNN, BatchNorm with an
 * option to freeze its running statistics, the linear embedding head, and the vMF proxies.
 *
 * <p>Images enter as float32 {@code [B, 3, H, W]} (normalised CHW); the model returns the
 * unnormalised embedding {@code z [B, D]}, whose direction and norm κ = ‖z‖ are the image vMF
 * (docs/method.md §1). Every block here except {@link org.pdml.model.TorchScriptBackbone} (an
 * imported module, which libtorch saves itself) can be written as TorchScript by {@link
 * org.pdml.model.torchscript.TorchScriptModels}.
 */
package org.pdml.model;
