/**
 * Run provenance: where a result came from. {@link org.pdml.provenance.RunProvenance} records the
 * git commit, config hash, data manifest hashes, seeds, library versions, platform and device as
 * JSON and as tracking tags; {@link org.pdml.provenance.Seeds} owns every seed of a run and derives
 * one per purpose from the root seed. JDK only (plus the config package).
 */
package org.pdml.provenance;
