package org.pdml.config;

/**
 * Softmax temperature T of the proxy-NCA loss.
 *
 * @param init T₀, the initial temperature (&gt; 0)
 * @param learnable whether T is trained (at lr × temperature multiplier)
 */
public record TemperatureConfig(
        @Doc("T_0, initial temperature (> 0)") double init,
        @Doc("Train T (at lr x optimizer.lr_multipliers.temperature)") boolean learnable) {}
