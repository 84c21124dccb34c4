package org.pdml.tracking.mlflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The placeholder ids of child runs whose creation is spooled ({@link SpoolRecord.Kind#CHILD}) and
 * the runs the server created for them. A child started while the server is away gets a client-side
 * placeholder id; its records are journaled under it, and {@link #resolve} rewrites them to the
 * created run (its id, and its artifact root in an artifact's proxy path) just before delivery.
 * Delivery follows spool order, so a run is always created before its records are sent.
 * Thread-safe.
 */
final class RunIds {

    /** Starts every placeholder; MLflow's own run ids are 32 hex digits. */
    static final String PLACEHOLDER_PREFIX = "pdml-pending-";

    /**
     * A run created for a placeholder.
     *
     * @param placeholder the client-side id its records were journaled under
     * @param runId the server's run id
     * @param artifactRoot the proxy path of its artifacts, {@code <exp_id>/<run_id>/artifacts}
     */
    record Created(String placeholder, String runId, String artifactRoot) {}

    private final Map<String, Created> created = new ConcurrentHashMap<>();

    /**
     * Restores the mapping a spool recorded in the ACKs of its delivered CHILD records.
     *
     * @param acks the spool's ACK records (those without a placeholder are skipped)
     * @return the mapping
     */
    static RunIds fromAcks(List<SpoolRecord> acks) {
        RunIds ids = new RunIds();
        for (SpoolRecord a : acks) {
            if (a.kind() == SpoolRecord.Kind.ACK && isPlaceholder(a.key())) {
                ids.put(new Created(a.key(), a.runId(), a.value()));
            }
        }
        return ids;
    }

    /**
     * Returns a fresh placeholder id.
     *
     * @return {@value #PLACEHOLDER_PREFIX} followed by 32 hex digits
     */
    static String newPlaceholder() {
        return PLACEHOLDER_PREFIX + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * Whether an id is a placeholder.
     *
     * @param id a run id
     * @return true when it starts with {@value #PLACEHOLDER_PREFIX}
     */
    static boolean isPlaceholder(String id) {
        return id.startsWith(PLACEHOLDER_PREFIX);
    }

    /**
     * Records a created run.
     *
     * @param run the placeholder and what the server created for it
     */
    void put(Created run) {
        created.put(run.placeholder(), run);
    }

    /**
     * Returns the server's id for a run id.
     *
     * @param id a real id or a placeholder
     * @return the real id; empty for a placeholder whose run is not created yet
     */
    Optional<String> realId(String id) {
        if (!isPlaceholder(id)) {
            return Optional.of(id);
        }
        return Optional.ofNullable(created.get(id)).map(Created::runId);
    }

    /**
     * Rewrites a record journaled under a placeholder to the created run: its run id, and for an
     * ARTIFACT or a MODEL the placeholder that starts its proxy path. Records of real runs are
     * returned as is.
     *
     * @param r a record about to be delivered
     * @return the record as the server must see it
     * @throws IllegalStateException when its run was never created (a corrupt spool)
     */
    SpoolRecord resolve(SpoolRecord r) {
        if (!isPlaceholder(r.runId())) {
            return r;
        }
        Created run = created.get(r.runId());
        if (run == null) {
            throw new IllegalStateException(
                    "record " + r.seq() + " belongs to run " + r.runId() + ", never created");
        }
        String key = r.key();
        boolean path = r.kind() == SpoolRecord.Kind.ARTIFACT || r.kind() == SpoolRecord.Kind.MODEL;
        if (path && key.startsWith(run.placeholder() + "/")) {
            key = run.artifactRoot() + key.substring(run.placeholder().length());
        }
        return new SpoolRecord(
                r.seq(),
                r.kind(),
                run.runId(),
                key,
                r.value(),
                r.number(),
                r.timestamp(),
                r.step());
    }
}
