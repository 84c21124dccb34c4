package org.pdml.tracking.mlflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asynchronous sender: a daemon thread that delivers journaled records in spool order, one
 * group at a time ({@link MlflowDelivery#groupSize}), and appends an ACK to the journal after each
 * success, so a delivered group is never sent again. While the server is away it retries with
 * exponential backoff ({@code initialBackoff}·2ⁿ, capped at {@code maxBackoff}); callers never wait
 * for it except in {@link #awaitDrained(Duration)}. A refusal that cannot succeed later (a 4xx)
 * stops the sender; the records stay in the spool and {@link #permanentFailure()} reports it.
 * Records of a child run whose creation was spooled are rewritten to the created run ({@link
 * RunIds}) just before they are sent; delivering the CHILD record itself creates that run.
 */
final class SpoolSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolSender.class);

    private final SpoolJournal journal;
    private final MlflowDelivery delivery;
    private final RunIds ids;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final List<SpoolRecord> pending = new ArrayList<>();
    private final Thread thread;
    private boolean stopped;
    private long failedAttempts;
    private boolean failing;
    private DeliveryException permanent;

    /**
     * Starts the sender thread.
     *
     * @param journal where ACKs go
     * @param delivery how groups are sent
     * @param ids the placeholders of spooled child runs; filled as CHILD records are delivered
     * @param initialBackoff first retry delay
     * @param maxBackoff largest retry delay
     */
    SpoolSender(
            SpoolJournal journal,
            MlflowDelivery delivery,
            RunIds ids,
            Duration initialBackoff,
            Duration maxBackoff) {
        this.journal = journal;
        this.delivery = delivery;
        this.ids = ids;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "pdml-tracking-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a journaled record for delivery.
     *
     * @param record a record already appended to the journal
     */
    synchronized void submit(SpoolRecord record) {
        pending.add(record);
        notifyAll();
    }

    /**
     * Waits until every queued record is delivered, the sender stopped, or the timeout passed.
     *
     * @param timeout the longest wait
     * @return true when nothing is left to send
     */
    synchronized boolean awaitDrained(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!pending.isEmpty() && permanent == null && !stopped) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return pending.isEmpty();
    }

    /**
     * Records queued and not yet delivered.
     *
     * @return the count
     */
    synchronized int pendingCount() {
        return pending.size();
    }

    /**
     * Delivery attempts that failed and were retried.
     *
     * @return the count since start
     */
    synchronized long failedAttempts() {
        return failedAttempts;
    }

    /**
     * Whether the last delivery attempt failed and is waiting to be retried (the server is away).
     *
     * @return true from a failed attempt until the next delivered group
     */
    synchronized boolean failing() {
        return failing;
    }

    /**
     * The refusal that stopped the sender.
     *
     * @return empty while the sender runs normally
     */
    synchronized Optional<DeliveryException> permanentFailure() {
        return Optional.ofNullable(permanent);
    }

    private void run() {
        Duration backoff = initialBackoff;
        List<SpoolRecord> group;
        while ((group = nextGroup()) != null) {
            try {
                journal.sync();
                delivered(group, delivery.deliver(group.stream().map(ids::resolve).toList()));
                backoff = initialBackoff;
            } catch (DeliveryException e) {
                if (!e.retryable()) {
                    stop(e);
                    return;
                }
                retryLater(e, backoff);
                backoff =
                        backoff.multipliedBy(2).compareTo(maxBackoff) > 0
                                ? maxBackoff
                                : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                if (isStopped()) {
                    // close() gave up waiting and closed the journal under an in-flight call:
                    // the group stays unacknowledged in the spool, and a re-send carries the
                    // same (key, step, timestamp, value), which MLflow's SQL store ignores.
                    return;
                }
                stop(new DeliveryException("tracking sender failed: " + e, false, e));
                return;
            }
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private synchronized List<SpoolRecord> nextGroup() {
        try {
            while (pending.isEmpty() && !stopped) {
                wait();
            }
        } catch (InterruptedException e) {
            return null;
        }
        if (stopped) {
            return null;
        }
        return new ArrayList<>(pending.subList(0, MlflowDelivery.groupSize(pending, 0)));
    }

    private void delivered(List<SpoolRecord> group, Optional<RunIds.Created> created) {
        long last = group.get(group.size() - 1).seq();
        if (created.isPresent()) {
            ids.put(created.get());
            journal.ackCreated(last, created.get());
        } else {
            journal.ack(last);
        }
        synchronized (this) {
            failing = false;
            pending.subList(0, group.size()).clear();
            notifyAll();
        }
    }

    private synchronized void retryLater(DeliveryException e, Duration backoff) {
        failing = true;
        // One line when the outage starts, then one per 30 failed attempts.
        if (failedAttempts++ % 30 == 0) {
            LOG.warn(
                    "tracking server unavailable, retrying in {} ms: {}",
                    backoff.toMillis(),
                    e.getMessage());
        }
        try {
            // Woken early only by close(); new submissions do not shorten the backoff.
            long until = System.nanoTime() + backoff.toNanos();
            while (!stopped && System.nanoTime() < until) {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException ie) {
            stopped = true;
        }
    }

    private synchronized void stop(DeliveryException e) {
        permanent = e;
        LOG.error(
                "tracking records refused by the server; kept in spool {}: {}",
                journal.file(),
                e.getMessage());
        notifyAll();
    }

    /** Stops the thread; undelivered records stay in the journal. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
    }
}
