/**
 * Python venvs that pdml creates on first use with pinned pip requirements ({@link
 * org.pdml.venv.PinnedVenv}): the MLflow server's and the pip libtorch's. JDK only.
 */
package org.pdml.venv;
