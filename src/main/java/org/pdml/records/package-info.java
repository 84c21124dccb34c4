/**
 * The one on-disk record format shared by preprocessing (Beam) and training (DJL): TFRecord framing
 * with masked CRC32C ({@link org.pdml.records.TfRecordWriter}, {@link
 * org.pdml.records.TfRecordReader}), the tf.Example codec for one labelled image ({@link
 * org.pdml.records.ImageRecordCodec}) and deterministic shard naming ({@link
 * org.pdml.records.ShardNames}). Depends only on the JDK and protobuf.
 */
package org.pdml.records;
