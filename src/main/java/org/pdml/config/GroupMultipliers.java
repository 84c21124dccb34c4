package org.pdml.config;

/**
 * One multiplier per parameter group. DJL has no parameter groups, so the trainer routes each
 * parameter to its group by name.
 *
 * @param backbone backbone parameters
 * @param head embedding head
 * @param proxy proxy directions v_c
 * @param kappa proxy concentrations κ_c
 * @param temperature temperature T
 */
public record GroupMultipliers(
        @Doc("Backbone parameters") double backbone,
        @Doc("Embedding head") double head,
        @Doc("Proxy directions v_c") double proxy,
        @Doc("Proxy concentrations kappa_c") double kappa,
        @Doc("Temperature T") double temperature) {}
