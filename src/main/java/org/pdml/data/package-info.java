/**
 * Training data in plain Java: the class-balanced batch sampler (the reference's {@code
 * class_random}) with resumable position, and the train/eval image transforms producing normalised
 * float CHW arrays {@code [3, S, S]}. Randomness is derived from the run's {@link
 * org.pdml.provenance.Seeds} streams, so a batch is reproducible from (root seed, epoch, batch,
 * index) alone.
 */
package org.pdml.data;
