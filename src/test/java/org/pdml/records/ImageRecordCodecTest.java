package org.pdml.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.pdml.records.proto.Example;
import org.pdml.records.proto.Feature;
import org.pdml.records.proto.FloatList;

class ImageRecordCodecTest {

    static ImageRecord sample() {
        return new ImageRecord(
                "cub/001.Black_footed_Albatross/x_0001",
                ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}),
                "png",
                64,
                80,
                17,
                "001.Black_footed_Albatross",
                "images/001/x.jpg",
                "train",
                "all");
    }

    @Test
    void roundTrips() {
        ImageRecord r = sample();
        assertThat(ImageRecordCodec.decode(ImageRecordCodec.encode(r))).isEqualTo(r);
    }

    @Test
    void writesTheTfExampleKeysWithTheirKinds() {
        Example e = ImageRecordCodec.toExample(sample());
        var m = e.getFeatures().getFeatureMap();
        assertThat(m.get("image/class/label").getInt64List().getValueList()).containsExactly(17L);
        assertThat(m.get("image/height").getInt64List().getValueList()).containsExactly(64L);
        assertThat(m.get("image/width").getInt64List().getValueList()).containsExactly(80L);
        assertThat(m.get("image/format").getBytesList().getValue(0).toStringUtf8())
                .isEqualTo("png");
        assertThat(m.get("pdml/split").getBytesList().getValue(0).toStringUtf8())
                .isEqualTo("train");
        assertThat(m).hasSize(10);
    }

    @Test
    void missingRequiredKeyNamesKeyAndId() {
        Example full = ImageRecordCodec.toExample(sample());
        Example noLabel =
                full.toBuilder()
                        .setFeatures(
                                full.getFeatures().toBuilder().removeFeature("image/class/label"))
                        .build();
        assertThatThrownBy(() -> ImageRecordCodec.decode(noLabel.toByteArray()))
                .isInstanceOf(MalformedExampleException.class)
                .hasMessageContaining("image/class/label")
                .hasMessageContaining("x_0001")
                .hasMessageContaining("missing");
    }

    @Test
    void wrongKindNamesKey() {
        Example full = ImageRecordCodec.toExample(sample());
        Feature floats =
                Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1f)).build();
        Example bad =
                full.toBuilder()
                        .setFeatures(
                                full.getFeatures().toBuilder().putFeature("image/width", floats))
                        .build();
        assertThatThrownBy(() -> ImageRecordCodec.decode(bad.toByteArray()))
                .isInstanceOf(MalformedExampleException.class)
                .hasMessageContaining("image/width")
                .hasMessageContaining("int64");
    }

    @Test
    void missingIdIsReportedAsUnknown() {
        Example full = ImageRecordCodec.toExample(sample());
        Example noId =
                full.toBuilder()
                        .setFeatures(full.getFeatures().toBuilder().removeFeature("image/id"))
                        .build();
        assertThatThrownBy(() -> ImageRecordCodec.decode(noId.toByteArray()))
                .hasMessageContaining("image/id")
                .hasMessageContaining("'?'");
    }

    @Test
    void garbageBytesAreRejected() {
        byte[] junk = "\u00ff\u00ffnot a proto".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ImageRecordCodec.decode(junk))
                .isInstanceOf(MalformedExampleException.class)
                .hasMessageContaining("not a tf.Example");
    }

    @Test
    void invalidFieldValuesNameTheRecord() {
        Example full = ImageRecordCodec.toExample(sample());
        Feature gif =
                full.getFeatures().getFeatureMap().get("image/source").toBuilder()
                        .setBytesList(
                                org.pdml.records.proto.BytesList.newBuilder()
                                        .addValue(ByteString.copyFromUtf8("gif")))
                        .build();
        Example bad =
                full.toBuilder()
                        .setFeatures(full.getFeatures().toBuilder().putFeature("image/format", gif))
                        .build();
        assertThatThrownBy(() -> ImageRecordCodec.decode(bad.toByteArray()))
                .isInstanceOf(MalformedExampleException.class)
                .hasMessageContaining("x_0001")
                .hasMessageContaining("gif");
    }
}
