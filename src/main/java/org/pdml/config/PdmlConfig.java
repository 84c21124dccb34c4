package org.pdml.config;

/**
 * The whole run configuration: one immutable tree of sections, bound from YAML by {@link
 * ConfigLoader} and checked by {@link ConfigValidator}. The on-disk run folder is {@code
 * <runs_root>/<experiment>/<YYYY-MM-DD_HH-MM-SS>_<name>/}.
 *
 * @param name run name, part of the run folder name
 * @param seed root seed from which every other seed is derived
 * @param experiment experiment: the folder under runs_root that groups related runs and, unless
 *     {@code tracking.experiment} says otherwise, the MLflow experiment
 * @param runsRoot root folder of all runs
 * @param data dataset and preprocessing
 * @param model backbone and embedding head
 * @param loss metric-learning loss
 * @param train optimisation and data loading
 * @param eval retrieval evaluation
 * @param tracking experiment tracking
 * @param engine the engine's native library
 */
public record PdmlConfig(
        @Doc("Run name; letters, digits, '.', '_' and '-' (part of the run folder name)")
                String name,
        @Doc("Root seed; every other seed is derived from it and a purpose") long seed,
        @Doc(
                        "Experiment: folder under runs_root that groups related runs, and the"
                                + " MLflow experiment unless tracking.experiment is set")
                String experiment,
        @Doc("Root folder of all runs (local path)") String runsRoot,
        @Doc("Dataset and preprocessing") DataConfig data,
        @Doc("Backbone and embedding head") ModelConfig model,
        @Doc("Metric-learning loss") LossConfig loss,
        @Doc("Optimisation, sampling and data loading") TrainConfig train,
        @Doc("Retrieval evaluation") EvalConfig eval,
        @Doc("Experiment tracking (MLflow)") TrackingConfig tracking,
        @Doc("The deep-learning engine's native library") EngineConfig engine) {}
