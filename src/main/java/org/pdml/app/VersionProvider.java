package org.pdml.app;

import picocli.CommandLine.IVersionProvider;

/** Reports the pdml version from the jar manifest, or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    /** Version string used when no jar manifest is available. */
    public static final String DEV = "dev";

    /**
     * Returns the implementation version of the pdml package.
     *
     * @return the version, never null
     */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? DEV : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pdml " + version()};
    }
}
