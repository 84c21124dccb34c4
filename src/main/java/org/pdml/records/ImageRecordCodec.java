package org.pdml.records;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.pdml.records.proto.BytesList;
import org.pdml.records.proto.Example;
import org.pdml.records.proto.Feature;
import org.pdml.records.proto.Features;
import org.pdml.records.proto.Int64List;

/**
 * Converts {@link ImageRecord}s to and from serialized tf.Example bytes, with the keys of {@link
 * ExampleKeys}. Strings are UTF-8 bytes features; integers are single-value int64 features.
 *
 * <p>Required on decode: {@code image/id}, {@code image/encoded}, {@code image/format}, {@code
 * image/height}, {@code image/width}, {@code image/class/label}, {@code image/class/text}. Optional
 * (default ""): {@code image/source}, {@code pdml/split}, {@code pdml/role}. Unknown keys are
 * ignored, so records from other tools with extra keys still decode.
 */
public final class ImageRecordCodec {
    private static final String UNKNOWN_ID = "?";

    private ImageRecordCodec() {}

    /**
     * Serializes a record as a tf.Example.
     *
     * @param record the record
     * @return the serialized tf.Example bytes
     */
    public static byte[] encode(ImageRecord record) {
        return toExample(record).toByteArray();
    }

    /**
     * Builds the tf.Example message for a record (all ten keys are written).
     *
     * @param record the record
     * @return the message
     */
    public static Example toExample(ImageRecord record) {
        Features.Builder f = Features.newBuilder();
        f.putFeature(ExampleKeys.IMAGE_ID, text(record.id()));
        f.putFeature(ExampleKeys.IMAGE_ENCODED, bytes(record.encoded()));
        f.putFeature(ExampleKeys.IMAGE_FORMAT, text(record.format()));
        f.putFeature(ExampleKeys.IMAGE_HEIGHT, int64(record.height()));
        f.putFeature(ExampleKeys.IMAGE_WIDTH, int64(record.width()));
        f.putFeature(ExampleKeys.CLASS_LABEL, int64(record.label()));
        f.putFeature(ExampleKeys.CLASS_TEXT, text(record.classText()));
        f.putFeature(ExampleKeys.IMAGE_SOURCE, text(record.source()));
        f.putFeature(ExampleKeys.SPLIT, text(record.split()));
        f.putFeature(ExampleKeys.ROLE, text(record.role()));
        return Example.newBuilder().setFeatures(f).build();
    }

    /**
     * Parses serialized tf.Example bytes into a record.
     *
     * @param serialized the bytes of one TFRecord payload
     * @return the record
     * @throws MalformedExampleException if the bytes do not parse, a required key is missing or has
     *     the wrong kind, or a field value is invalid; the message names key and record id
     */
    public static ImageRecord decode(byte[] serialized) {
        try {
            return fromExample(Example.parseFrom(serialized));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedExampleException(UNKNOWN_ID, "", "not a tf.Example: " + e);
        }
    }

    /**
     * Converts a tf.Example message into a record.
     *
     * @param example the message
     * @return the record
     * @throws MalformedExampleException as for {@link #decode(byte[])}
     */
    public static ImageRecord fromExample(Example example) {
        Map<String, Feature> m = example.getFeatures().getFeatureMap();
        String id = requiredBytes(m, ExampleKeys.IMAGE_ID, UNKNOWN_ID).toStringUtf8();
        try {
            return new ImageRecord(
                    id,
                    requiredBytes(m, ExampleKeys.IMAGE_ENCODED, id),
                    requiredBytes(m, ExampleKeys.IMAGE_FORMAT, id).toStringUtf8(),
                    requiredInt(m, ExampleKeys.IMAGE_HEIGHT, id),
                    requiredInt(m, ExampleKeys.IMAGE_WIDTH, id),
                    requiredInt(m, ExampleKeys.CLASS_LABEL, id),
                    requiredBytes(m, ExampleKeys.CLASS_TEXT, id).toStringUtf8(),
                    optionalText(m, ExampleKeys.IMAGE_SOURCE, id),
                    optionalText(m, ExampleKeys.SPLIT, id),
                    optionalText(m, ExampleKeys.ROLE, id));
        } catch (IllegalArgumentException e) {
            if (e instanceof MalformedExampleException) {
                throw e;
            }
            throw new MalformedExampleException(id, "", e.getMessage());
        }
    }

    private static ByteString requiredBytes(Map<String, Feature> m, String key, String id) {
        Feature f = m.get(key);
        if (f == null) {
            throw new MalformedExampleException(id, key, "required key is missing");
        }
        List<ByteString> values = f.getBytesList().getValueList();
        if (f.getKindCase() != Feature.KindCase.BYTES_LIST || values.size() != 1) {
            throw new MalformedExampleException(id, key, "expected exactly one bytes value");
        }
        return values.get(0);
    }

    private static String optionalText(Map<String, Feature> m, String key, String id) {
        return m.containsKey(key) ? requiredBytes(m, key, id).toStringUtf8() : "";
    }

    private static int requiredInt(Map<String, Feature> m, String key, String id) {
        Feature f = m.get(key);
        if (f == null) {
            throw new MalformedExampleException(id, key, "required key is missing");
        }
        List<Long> values = f.getInt64List().getValueList();
        if (f.getKindCase() != Feature.KindCase.INT64_LIST || values.size() != 1) {
            throw new MalformedExampleException(id, key, "expected exactly one int64 value");
        }
        long v = values.get(0);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedExampleException(id, key, "value " + v + " does not fit an int");
        }
        return (int) v;
    }

    private static Feature text(String s) {
        return bytes(ByteString.copyFrom(s, StandardCharsets.UTF_8));
    }

    private static Feature bytes(ByteString b) {
        return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(b)).build();
    }

    private static Feature int64(long v) {
        return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(v)).build();
    }
}
