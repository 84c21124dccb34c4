/**
 * The Beam preprocessing stage: read the index, read the bytes, decode, resize, encode, build the
 * tf.Example record and write deterministic TFRecord shards, with every refused input in {@code
 * rejects.jsonl} and a Beam counter. Composites ({@link org.pdml.preprocess.ReadImages}, {@link
 * org.pdml.preprocess.DecodeImages}, {@link org.pdml.preprocess.WriteShards}, {@link
 * org.pdml.preprocess.WriteRejects}) only wire; the logic lives in the DoFns and in {@code
 * org.pdml.preprocess.image}. {@link org.pdml.preprocess.PreprocessStage} runs it and writes the
 * manifest last.
 */
package org.pdml.preprocess;
