/**
 * Run provenance: where a result came from. {@link org.pdml.provenance.RunProvenance} records the
 * git commit, config hash, data manifest hashes, seeds, library versions, platform and device as
 * JSON and as tracking tags; {@link org.pdml.provenance.Seeds} owns every seed of a run and derives
 * one named stream per purpose from the root seed. JDK only (plus the config package), so that
 * every layer, preprocessing included, may import it.
 */
package org.pdml.provenance;
