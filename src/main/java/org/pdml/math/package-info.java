/**
 * The probabilistic core of pdml: the von Mises–Fisher (vMF) log-normaliser log C_D(κ), the mean
 * resultant length A_D(κ), Wood's vMF sampler, the image vMF (μ = z/‖z‖, κ = ‖z‖) and a stable
 * log-sum-exp, all as elementwise DJL {@code NDArray} code that autograd differentiates.
 *
 * <p>Layering: this package imports only {@code ai.djl.ndarray.*} and the JDK (no engine, no I/O).
 * Randomness comes only from the arrays' {@code NDManager} random ops, so the engine's seed
 * reproduces samples. Results are attached to the manager of the first input array: call these from
 * inside a per-batch sub-manager. Maths and oracles: docs/method.md §1.1, §1.4 and §5.
 */
package org.pdml.math;
