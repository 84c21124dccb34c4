package org.pdml.tracking.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only local spool: one {@link SpoolRecord} per JSON line. Appends are written at once
 * (they survive the JVM being killed) and forced to disk in batches by {@link #sync()} before the
 * sender delivers them; acknowledgements are appended as {@link SpoolRecord.Kind#ACK} lines and
 * forced at once. Thread-safe.
 */
public final class SpoolJournal implements AutoCloseable {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path file;
    private final FileChannel channel;
    private long lastSeq;
    private long lastAck;

    private SpoolJournal(Path file, long lastSeq, long lastAck) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.lastSeq = lastSeq;
        this.lastAck = lastAck;
    }

    /**
     * Creates a new spool file starting with a HEADER record.
     *
     * @param file the spool file; must not exist
     * @param trackingUri the tracking URI without user-info
     * @return the open journal
     * @throws UncheckedIOException if the file exists or cannot be written
     */
    public static SpoolJournal create(Path file, String trackingUri) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file);
            SpoolJournal j = new SpoolJournal(file, 0, 0);
            // The header has seq 0, so data records count from 1 and ACKs never cover it.
            j.write(new SpoolRecord(0, SpoolRecord.Kind.HEADER, "", trackingUri, "", 0, 0, 0));
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create tracking spool " + file, e);
        }
    }

    /**
     * Opens an existing spool to deliver what is left in it.
     *
     * @param file the spool file
     * @return the journal positioned after its last record
     * @throws UncheckedIOException if it cannot be read
     * @throws IllegalArgumentException naming the file and line of a corrupt record
     */
    public static SpoolJournal open(Path file) {
        List<SpoolRecord> all = readAll(file);
        long seq = all.stream().mapToLong(SpoolRecord::seq).max().orElse(0);
        try {
            terminateTornLine(file);
            return new SpoolJournal(file, seq, lastAck(all));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open tracking spool " + file, e);
        }
    }

    /**
     * Journals a record, giving it the next sequence number.
     *
     * @param record the record; its {@code seq} is ignored
     * @return the record with its assigned seq
     */
    public synchronized SpoolRecord append(SpoolRecord record) {
        SpoolRecord numbered = record.withSeq(++lastSeq);
        write(numbered);
        return numbered;
    }

    /**
     * Marks every record up to {@code seq} as delivered and forces the mark to disk.
     *
     * @param seq the last delivered record
     */
    public synchronized void ack(long seq) {
        write(new SpoolRecord(seq, SpoolRecord.Kind.ACK, "", "", "", 0, 0, 0));
        lastAck = Math.max(lastAck, seq);
        sync();
    }

    /**
     * Marks a delivered {@link SpoolRecord.Kind#CHILD} record (and everything before it) as
     * delivered, naming the run the server created for its placeholder in the same line, so the
     * mark and the mapping reach the disk together.
     *
     * @param seq the CHILD record
     * @param run the placeholder and the created run
     */
    synchronized void ackCreated(long seq, RunIds.Created run) {
        write(
                new SpoolRecord(
                        seq,
                        SpoolRecord.Kind.ACK,
                        run.runId(),
                        run.placeholder(),
                        run.artifactRoot(),
                        0,
                        0,
                        0));
        lastAck = Math.max(lastAck, seq);
        sync();
    }

    /** Forces appended records to disk (the batched fsync). */
    public synchronized void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync tracking spool " + file, e);
        }
    }

    /**
     * Whether every journaled record was delivered.
     *
     * @return true when the last ACK covers the last record
     */
    public synchronized boolean fullyAcknowledged() {
        return lastAck >= lastSeq;
    }

    /**
     * Returns the spool file.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    private void write(SpoolRecord r) {
        try {
            byte[] line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to tracking spool " + file, e);
        }
    }

    /**
     * Reads the records not yet acknowledged, in order (HEADER and ACK lines excluded).
     *
     * @param file the spool
     * @return the pending records
     */
    public static List<SpoolRecord> pending(Path file) {
        List<SpoolRecord> all = readAll(file);
        long acked = lastAck(all);
        List<SpoolRecord> out = new ArrayList<>();
        for (SpoolRecord r : all) {
            boolean data = r.kind() != SpoolRecord.Kind.ACK && r.kind() != SpoolRecord.Kind.HEADER;
            if (data && r.seq() > acked) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Reads the child runs created so far for the placeholders of a spool.
     *
     * @param file the spool
     * @return the mapping recorded in its ACKs
     */
    static RunIds createdRuns(Path file) {
        return RunIds.fromAcks(readAll(file));
    }

    /**
     * Returns the tracking URI the spool was written for.
     *
     * @param file the spool
     * @return the HEADER's URI
     * @throws IllegalArgumentException when the spool has no header
     */
    public static String trackingUri(Path file) {
        return readAll(file).stream()
                .filter(r -> r.kind() == SpoolRecord.Kind.HEADER)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("spool " + file + " has no header"))
                .key();
    }

    private static void terminateTornLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer last = ByteBuffer.allocate(1);
            if (size == 0 || (ch.read(last, size - 1) == 1 && last.get(0) == '\n')) {
                return;
            }
        }
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
    }

    private static long lastAck(List<SpoolRecord> all) {
        return all.stream()
                .filter(r -> r.kind() == SpoolRecord.Kind.ACK)
                .mapToLong(SpoolRecord::seq)
                .max()
                .orElse(0);
    }

    private static List<SpoolRecord> readAll(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tracking spool " + file, e);
        }
        List<SpoolRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                out.add(JSON.readValue(lines.get(i), SpoolRecord.class));
            } catch (JsonProcessingException e) {
                // A JVM killed mid-append leaves a torn last line: that record was never sent.
                if (i == lines.size() - 1) {
                    break;
                }
                throw new IllegalArgumentException(
                        "corrupt tracking spool " + file + " line " + (i + 1), e);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close tracking spool " + file, e);
        }
    }
}
