package org.pdml.tracking.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mlflow.tracking.MlflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a root run and its children share: the MLflow client, the spool journal and its sender.
 * Every record goes {@link #record journal first, then the sender}; {@link #shutdown} waits
 * (bounded) for delivery, deletes a fully acknowledged spool and otherwise says how to flush it.
 */
final class TrackingChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingChannel.class);

    private final MlflowTrackerSettings settings;
    private final MlflowClient client;
    private final SpoolJournal journal;
    private final RunIds ids = new RunIds();
    private final SpoolSender sender;
    private final AtomicBoolean spoolingNoticed = new AtomicBoolean();

    /**
     * Opens the channel for a root run.
     *
     * @param settings the tracker settings
     * @param client the client used for synchronous calls and for delivery
     * @param rootRunId names the spool file {@code <spoolDir>/<rootRunId>.jsonl}
     */
    TrackingChannel(MlflowTrackerSettings settings, MlflowClient client, String rootRunId) {
        this.settings = settings;
        this.client = client;
        this.journal =
                SpoolJournal.create(
                        settings.spoolDir().resolve(rootRunId + ".jsonl"),
                        settings.endpoint().uri());
        MlflowDelivery delivery =
                new MlflowDelivery(client, settings.endpoint(), settings.redactor());
        this.sender =
                new SpoolSender(
                        journal, delivery, ids, settings.initialBackoff(), settings.maxBackoff());
    }

    /**
     * Journals a record and queues it for delivery. Never touches the network.
     *
     * @param record the record (seq assigned here)
     */
    void record(SpoolRecord record) {
        sender.submit(journal.append(record));
    }

    /**
     * Says once per run tree, at the first child run whose creation had to be spooled, that
     * tracking goes on in the spool.
     *
     * @param stageName the child's stage
     */
    void noticeSpooling(String stageName) {
        if (spoolingNoticed.compareAndSet(false, true)) {
            LOG.warn(
                    "tracking server unavailable: the '{}' run and what follows are spooled in {}"
                            + " and sent when it returns",
                    stageName,
                    journal.file());
        }
    }

    RunIds ids() {
        return ids;
    }

    MlflowTrackerSettings settings() {
        return settings;
    }

    MlflowClient client() {
        return client;
    }

    SpoolJournal journal() {
        return journal;
    }

    SpoolSender sender() {
        return sender;
    }

    /**
     * Waits up to {@code timeout} for delivery, then stops the sender and closes the journal.
     *
     * @param timeout the longest wait
     * @return true when everything was delivered (the spool file is then deleted)
     * @throws IllegalStateException when the server refused records for good
     */
    boolean shutdown(Duration timeout) {
        sender.awaitDrained(timeout);
        sender.close();
        boolean complete = journal.fullyAcknowledged();
        journal.close();
        client.close();
        if (complete) {
            deleteSpool();
        } else {
            LOG.warn(
                    "{} tracking records not delivered; kept in {}. Send them later with:"
                            + " pdml tracking flush --spool {}",
                    sender.pendingCount(),
                    journal.file(),
                    journal.file());
        }
        sender.permanentFailure()
                .ifPresent(
                        e -> {
                            throw new IllegalStateException(e.getMessage(), e);
                        });
        return complete;
    }

    private void deleteSpool() {
        try {
            Files.deleteIfExists(journal.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete delivered spool " + journal.file(), e);
        }
    }
}
