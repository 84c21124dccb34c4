package org.pdml.preprocess;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a shard writer put in one shard: its {@link ShardStat} (path, records, SHA-256, size) and
 * its record count per class label. Written by {@link BuildShardFn} next to the output as a small
 * text file ({@link #toText}) and collected by the driver ({@link WrittenShards}).
 *
 * @param stat path, record count, hash and size of the shard file
 * @param classCounts label to number of records with that label
 */
record WrittenShard(ShardStat stat, Map<Integer, Long> classCounts) {
    private static final String HEADER = "pdml-written-shard 1";

    WrittenShard {
        classCounts = Map.copyOf(classCounts);
    }

    /**
     * @return the text form: a header line, then {@code key<TAB>value} lines, one {@code
     *     label<TAB><label><TAB><count>} line per class in label order
     */
    String toText() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("path\t").append(stat.relativePath()).append('\n');
        b.append("records\t").append(stat.records()).append('\n');
        b.append("sha256\t").append(stat.sha256()).append('\n');
        b.append("size\t").append(stat.sizeBytes()).append('\n');
        new TreeMap<>(classCounts)
                .forEach(
                        (l, n) ->
                                b.append("label\t").append(l).append('\t').append(n).append('\n'));
        return b.toString();
    }

    /**
     * Parses {@link #toText}'s form.
     *
     * @param text the file's text
     * @param source the file, for error messages
     * @return the shard
     * @throws IllegalStateException naming the file and line when the text is not in that form
     */
    static WrittenShard parse(String text, String source) {
        String[] lines = text.split("\n");
        require(
                lines.length >= 5 && HEADER.equals(lines[0]),
                source,
                1,
                "not a written-shard file");
        String[] values = new String[4];
        String[] keys = {"path", "records", "sha256", "size"};
        for (int i = 0; i < 4; i++) {
            String[] kv = lines[i + 1].split("\t", -1);
            require(kv.length == 2 && kv[0].equals(keys[i]), source, i + 2, "expected " + keys[i]);
            values[i] = kv[1];
        }
        Map<Integer, Long> counts = new TreeMap<>();
        for (int i = 5; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            require(f.length == 3 && f[0].equals("label"), source, i + 1, "expected a label line");
            counts.put(number(f[1], source, i + 1).intValue(), number(f[2], source, i + 1));
        }
        ShardStat stat =
                new ShardStat(
                        values[0],
                        number(values[1], source, 3),
                        values[2],
                        number(values[3], source, 5));
        return new WrittenShard(stat, counts);
    }

    private static Long number(String s, String source, int line) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(source + ":" + line + ": not a number: '" + s + "'");
        }
    }

    private static void require(boolean ok, String source, int line, String message) {
        if (!ok) {
            throw new IllegalStateException(source + ":" + line + ": " + message);
        }
    }
}
