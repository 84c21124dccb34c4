package org.pdml.tracking.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.mlflow.tracking.MlflowClient;

/**
 * Delivers what a closed run left in its spool ({@code pdml tracking flush}): the records after the
 * last ACK, in order, through the same sender, ACKing as it goes; the spool file is deleted once
 * everything is delivered. Running it twice never sends a record twice. Child runs whose creation
 * was spooled are created first, in spool order, then receive their records.
 */
public final class SpoolFlusher {

    private SpoolFlusher() {}

    /**
     * Flushes one spool file.
     *
     * @param spool the spool file
     * @param settings the endpoint to send to (and redactor, backoff)
     * @param timeout how long to keep trying
     * @return the number of records delivered
     * @throws IllegalStateException when records remain after {@code timeout}, naming the spool
     * @throws TrackingUnavailableException when the server is unreachable at start
     */
    public static int flush(Path spool, MlflowTrackerSettings settings, Duration timeout) {
        List<SpoolRecord> pending = SpoolJournal.pending(spool);
        if (pending.isEmpty()) {
            delete(spool);
            return 0;
        }
        settings.endpoint().requireReachable();
        SpoolJournal journal = SpoolJournal.open(spool);
        try (MlflowClient client = settings.endpoint().newClient()) {
            deliver(journal, client, pending, settings, timeout);
        } finally {
            journal.close();
        }
        delete(spool);
        return pending.size();
    }

    private static void deliver(
            SpoolJournal journal,
            MlflowClient client,
            List<SpoolRecord> pending,
            MlflowTrackerSettings settings,
            Duration timeout) {
        MlflowDelivery delivery =
                new MlflowDelivery(client, settings.endpoint(), settings.redactor());
        try (SpoolSender sender =
                new SpoolSender(
                        journal,
                        delivery,
                        SpoolJournal.createdRuns(journal.file()),
                        settings.initialBackoff(),
                        settings.maxBackoff())) {
            pending.forEach(sender::submit);
            sender.awaitDrained(timeout);
            sender.permanentFailure()
                    .ifPresent(
                            e -> {
                                throw new IllegalStateException(e.getMessage(), e);
                            });
            int left = sender.pendingCount();
            if (left > 0) {
                throw new IllegalStateException(
                        left + " records still undelivered in " + journal.file());
            }
        }
    }

    /**
     * The spool files in a folder.
     *
     * @param spoolDir the spool folder
     * @return its {@code *.jsonl} files, sorted; empty when the folder is missing
     */
    public static List<Path> spools(Path spoolDir) {
        if (!Files.isDirectory(spoolDir)) {
            return List.of();
        }
        try (var files = Files.list(spoolDir)) {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list spool folder " + spoolDir, e);
        }
    }

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete flushed spool " + spool, e);
        }
    }
}
