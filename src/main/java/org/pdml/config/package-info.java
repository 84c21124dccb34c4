/**
 * Typed, immutable, validated run configuration: YAML is bound to records here and nowhere else.
 *
 * <p>A config is the built-in base ({@code base.yaml}) overlaid by an optional {@code extends:}
 * chain, then by the user's file, then by dotted {@code key=value} overrides. Unknown keys, wrong
 * types and missing required keys fail with the full dotted key path and the file; cross-field
 * rules run before any work starts. The resolved config has a canonical form (sorted keys,
 * normalised numbers) whose SHA-256 identifies it in provenance and stage fingerprints.
 */
package org.pdml.config;
