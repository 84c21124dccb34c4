/**
 * The Beam preprocessing stage: read the index, read the bytes, decode, resize, encode, build the
 * tf.Example record and write deterministic TFRecord shards, with every refused input in {@code
 * rejects.jsonl} and a Beam counter. Shards are planned by id on the driver ({@code ShardPlan}), so
 * only the index crosses the runner's shuffle; each shard is then built by one worker. Composites
 * ({@link org.pdml.preprocess.BuildShards}, {@link org.pdml.preprocess.WriteRejects}) only wire;
 * the logic lives in the DoFns, in {@code EntryReader} and {@link org.pdml.preprocess.RecordMaker},
 * and in {@code org.pdml.preprocess.image}. {@link org.pdml.preprocess.PreprocessStage} runs it and
 * writes the manifest last.
 */
package org.pdml.preprocess;
