package org.pdml.preprocess.index;

import org.pdml.util.WireNames;

/**
 * The retrieval role of an item within its split. ALL means the split's items are both queries and
 * gallery (leave-one-out retrieval, CUB/Cars/SOP); In-Shop's test split separates QUERY and
 * GALLERY.
 */
public enum Role {
    /** Both a query and a gallery item. */
    ALL,
    /** Only a query. */
    QUERY,
    /** Only a gallery item. */
    GALLERY;

    /**
     * Returns the lower-case name used in manifests and records.
     *
     * @return "all", "query" or "gallery"
     */
    public String wireName() {
        return WireNames.value(this);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @param s "all", "query" or "gallery"
     * @return the role
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    public static Role parse(String s) {
        return WireNames.parse(Role.class, s, "role");
    }
}
