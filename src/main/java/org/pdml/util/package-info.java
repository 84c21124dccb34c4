/**
 * The bottom layer: small helpers that every package may use and that use only the JDK, each the
 * one owner of its concept. {@link org.pdml.util.Sha256} is the one SHA-256 (hex digests and a
 * stable 64-bit prefix); {@link org.pdml.util.FileTrees} the one recursive deletion; {@link
 * org.pdml.util.JsonStrings} the one JSON string escaping; {@link org.pdml.util.WireNames} the one
 * mapping of Java names (record components, enum constants) to the names pdml writes and reads.
 */
package org.pdml.util;
