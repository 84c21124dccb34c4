/**
 * The run-tracking contract every stage writes to: {@link org.pdml.tracking.RunTracker} and its
 * engine-free implementations ({@link org.pdml.tracking.InMemoryRunTracker} for tests, {@link
 * org.pdml.tracking.NoopRunTracker} for {@code --tracking off}), plus the pure helpers that shape
 * what is logged ({@link org.pdml.tracking.ConfigFlattener}, {@link
 * org.pdml.tracking.SecretRedactor}). JDK only; the MLflow implementation lives in {@code
 * org.pdml.tracking.mlflow}.
 */
package org.pdml.tracking;
