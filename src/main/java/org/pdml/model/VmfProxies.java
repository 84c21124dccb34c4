package org.pdml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * The learnable nivMF proxies and temperature (docs/method.md §1): directions v [C, D] (μ_c =
 * v_c/‖v_c‖), per-dimension concentrations κ [C, D] (used downstream as max(κ, κ_min)) and the
 * temperature T (scalar). Each is its own {@link Parameter} so an optimiser can route it to its own
 * group.
 *
 * <p>Initialisation: v Xavier-normal with gain κ₀, i.e. N(0, κ₀²·2/(C + D)); κ = κ₀; T = T₀. {@link
 * #warmStart} replaces v by κ₀·normalize(class means). The forward pass ignores its input and
 * returns {@code [v, κ, T]}, so gradients reach the three parameters.
 */
public final class VmfProxies extends PassBlock {

    private final int classes;
    private final int dim;
    private final Parameter directions;
    private final Parameter kappa;
    private final Parameter temperature;

    /**
     * Creates the proxies.
     *
     * @param classes C, number of training classes
     * @param dim D, embedding dimension
     * @param kappa0 κ₀, initial concentration and Xavier gain
     * @param temperature0 T₀, initial temperature
     * @throws IllegalArgumentException if a size or value is not positive
     */
    public VmfProxies(int classes, int dim, float kappa0, float temperature0) {
        if (classes <= 0 || dim <= 0 || !(kappa0 > 0) || !(temperature0 > 0)) {
            throw new IllegalArgumentException(
                    String.format(
                            "VmfProxies needs C, D, kappa0, T0 > 0; got %d, %d, %s, %s",
                            classes, dim, kappa0, temperature0));
        }
        this.classes = classes;
        this.dim = dim;
        float std = kappa0 * (float) Math.sqrt(2.0 / (classes + dim));
        directions = addParameter(param("proxyDirections", new Shape(classes, dim)));
        directions.setInitializer((m, s, t) -> m.randomNormal(0f, std, s, t));
        kappa = addParameter(param("proxyKappa", new Shape(classes, dim)));
        kappa.setInitializer(new ConstantInitializer(kappa0));
        temperature = addParameter(param("temperature", new Shape()));
        temperature.setInitializer(new ConstantInitializer(temperature0));
    }

    private static Parameter param(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .build();
    }

    /** Returns the direction parameter v [C, D]. */
    public Parameter directions() {
        return directions;
    }

    /** Returns the concentration parameter κ [C, D]. */
    public Parameter kappa() {
        return kappa;
    }

    /** Returns the temperature parameter T (scalar, shape []). */
    public Parameter temperature() {
        return temperature;
    }

    /**
     * Sets v_c ← κ₀·m_c/‖m_c‖ in place (the reference's {@code class-means} warm start).
     *
     * @param classMeans class-mean embeddings m [C, D] of the pretrained model
     * @param kappa0 κ₀
     * @throws IllegalStateException if the block is not initialised
     * @throws IllegalArgumentException if the shape is not [C, D] or a mean is zero
     */
    public void warmStart(NDArray classMeans, float kappa0) {
        if (!directions.isInitialized()) {
            throw new IllegalStateException("VmfProxies must be initialised before warmStart");
        }
        Shape expected = new Shape(classes, dim);
        if (!classMeans.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "class means have shape " + classMeans.getShape() + ", expected " + expected);
        }
        NDArray target = directions.getArray();
        try (NDArray norms = classMeans.norm(new int[] {1}, true)) {
            if (norms.eq(0).any().getBoolean()) {
                throw new IllegalArgumentException("a class mean is the zero vector");
            }
            try (NDArray view = target.stopGradient();
                    NDArray value = classMeans.div(norms).muli(kappa0)) {
                view.set(new NDIndex(":"), value.toType(target.getDataType(), false));
            }
        }
    }

    @Override
    protected NDList forward(ForwardPass pass, NDList inputs) {
        var device = directions.getArray().getDevice();
        NDManager batch = inputs.isEmpty() ? null : inputs.head().getManager();
        return new NDList(
                onBatch(pass.value(directions, device), batch),
                onBatch(pass.value(kappa, device), batch),
                onBatch(pass.value(temperature, device), batch));
    }

    /**
     * A differentiable view of a parameter owned by the batch's manager (the parameter itself when
     * there is no input to take a manager from). Results of an op attach to the manager of its
     * first operand: without this, every loss term computed from a proxy would be owned by the
     * long-lived model manager until it closes.
     */
    private static NDArray onBatch(NDArray parameter, NDManager batch) {
        if (batch == null) {
            return parameter;
        }
        NDArray view = parameter.reshape(parameter.getShape());
        view.attach(batch);
        return view;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(classes, dim), new Shape(classes, dim), new Shape()};
    }
}
