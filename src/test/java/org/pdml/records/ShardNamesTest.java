package org.pdml.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ShardNamesTest {

    @Test
    void formatsBeamIndexOfMaxNames() {
        assertThat(ShardNames.format("train", 3, 16))
                .isEqualTo("train/part-00003-of-00016.tfrecord");
        assertThat(new ShardName("val", 0, 1, true).relativePath())
                .isEqualTo("val/part-00000-of-00001.tfrecord.gz");
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(ShardNames.parse("/out/test/part-00002-of-00004.tfrecord.gz"))
                .isEqualTo(new ShardName("test", 2, 4, true));
        assertThat(ShardNames.parse("train\\part-00000-of-00001.tfrecord"))
                .isEqualTo(new ShardName("train", 0, 1, false));
    }

    @Test
    void rejectsBadNames() {
        assertThatThrownBy(() -> ShardNames.parse("train/part-0-of-1.tfrecord"))
                .hasMessageContaining("train/part-0-of-1.tfrecord");
        assertThatThrownBy(() -> ShardNames.parse("train/part-00004-of-00004.tfrecord"))
                .hasMessageContaining("bad shard 4 of 4");
        assertThatThrownBy(() -> ShardNames.parse("part-00000-of-00004.tfrecord"))
                .hasMessageContaining("<split>");
    }

    /** Oracle: BigInteger over the full SHA-256 digest, reduced modulo n the long way. */
    @Test
    void shardOfIsTheFloorModOfTheDigestPrefix() throws Exception {
        for (String id : new String[] {"a", "cub/0001", "日本語", ""}) {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(id.getBytes(StandardCharsets.UTF_8));
            BigInteger prefix = new BigInteger(java.util.Arrays.copyOf(d, 8)); // signed, big-endian
            for (int n : new int[] {1, 2, 7, 16, 1000}) {
                int want = prefix.mod(BigInteger.valueOf(n)).intValueExact();
                assertThat(ShardNames.shardOf(id, n)).isEqualTo(want);
            }
        }
    }

    @Test
    void spreadsIdsOverAllShards() {
        int[] counts = new int[8];
        for (int i = 0; i < 8000; i++) {
            counts[ShardNames.shardOf("img-" + i, 8)]++;
        }
        // Binomial(8000, 1/8): mean 1000, sd ~30; 6 sd bounds never fail for a sound hash.
        for (int c : counts) {
            assertThat(c).isBetween(820, 1180);
        }
    }
}
