package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.artifacts.ExamplesFixture;
import org.pdml.artifacts.proto.ExamplesManifest;
import org.pdml.artifacts.proto.ShardInfo;

class InspectCommandTest {
    @TempDir Path dir;

    private static Cli.Result inspect(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "inspect";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(all);
    }

    @Test
    void intactFolderPrintsCountsAndExitsZero() throws IOException {
        ExamplesFixture.create(dir);
        Cli.Result r = inspect(dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("train\\s+6\\s+3\\s+2")
                .containsPattern("test\\s+4\\s+2\\s+2")
                .containsPattern("total\\s+10\\s+4")
                .containsPattern("\\s0\\s+3\\s+class-0")
                .contains("OK: 4 shards, 10 records");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void topLimitsTheClassListAndAllClassesLiftsIt() throws IOException {
        ExamplesFixture.create(dir);
        Cli.Result top = inspect("--top", "1", dir.toString());
        assertThat(top.out()).contains("classes of train (top 1 of 3").doesNotContain("class-2");
        Cli.Result all = inspect("--top", "1", "--all-classes", dir.toString());
        assertThat(all.out())
                .contains("classes of train (all 3")
                .containsPattern("2\\s+1\\s+class-2");
    }

    @Test
    void corruptionExitsNonZeroNamingShardAndOffset() throws IOException {
        ExamplesManifest m = ExamplesFixture.create(dir);
        ShardInfo biggest =
                m.getSplitsList().stream()
                        .flatMap(s -> s.getShardsList().stream())
                        .max(Comparator.comparingLong(ShardInfo::getRecordCount))
                        .orElseThrow();
        assertThat(biggest.getRecordCount()).isGreaterThanOrEqualTo(2);
        String rel = biggest.getPath();
        Path shard = dir.resolve(rel);
        byte[] b = Files.readAllBytes(shard);
        long second = 16 + ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        b[(int) second + 3] ^= 0x40; // inside the length field of the second record
        Files.write(shard, b);
        Cli.Result r = inspect(dir.toString());
        assertThat(r.status()).isEqualTo(InspectCommand.CORRUPT);
        assertThat(r.err())
                .contains("CORRUPT")
                .contains(rel + " @ offset " + second)
                .contains("length CRC mismatch");
        assertThat(r.out()).doesNotContain("OK:");
    }

    @Test
    void incompleteFolderExitsNonZero() throws IOException {
        ExamplesFixture.create(dir);
        Files.delete(dir.resolve("manifest.json"));
        Cli.Result r = inspect(dir.toString());
        assertThat(r.status()).isEqualTo(InspectCommand.CORRUPT);
        assertThat(r.err()).contains("manifest.json").contains("incomplete");
    }
}
