/**
 * Proxy-based metric-learning losses as DJL {@link ai.djl.training.loss.Loss}es (docs/method.md
 * §1.3, §1.5): the paper's loss L = L_NCA + w_g(L⁺ + L⁻) over any {@link org.pdml.loss.Similarity},
 * and the baselines ProxyAnchor, ProxyNCA and Normalized Softmax.
 *
 * <p>Every loss takes predictions [z [B, D] unnormalised embeddings, v [C, D] proxy directions, κ
 * [C, D] proxy concentrations, T [1] temperature] and labels [y [B] int64 in 0..C−1], computes in
 * float64 and returns a scalar in z's data type. {@link org.pdml.loss.LossFactory} builds them by
 * name from a typed {@link org.pdml.loss.LossParameters}.
 */
package org.pdml.loss;
