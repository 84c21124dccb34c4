/** The {@code pdml} command line: the only composition root, which wires stages together. */
package org.pdml.app;
