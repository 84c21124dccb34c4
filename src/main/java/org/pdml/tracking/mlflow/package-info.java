/**
 * The MLflow implementation of {@link org.pdml.tracking.RunTracker}, and the only package that
 * imports {@code org.mlflow}. It wraps the Java client's REST calls (experiments, runs, batches,
 * tags, status, raw registry posts), uploads artifacts through the tracking server's artifact
 * proxy, journals every record to a local spool before an asynchronous sender delivers it, and
 * starts a local {@code mlflow server} from a pinned venv when no tracking URI is set.
 */
package org.pdml.tracking.mlflow;
