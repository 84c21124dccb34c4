package org.pdml.testing;

import com.google.cloud.storage.Storage;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One bucket in a {@link GcsEmulator} on loopback for a test class: started before its first test
 * (or the class skipped, saying why, where the emulator cannot be installed) and stopped after its
 * last. Register it as {@code @RegisterExtension static final GcsBucket gcs = new
 * GcsBucket("name");}.
 */
public final class GcsBucket implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private GcsEmulator emulator;
    private Storage client;

    /**
     * @param name the bucket to create
     */
    public GcsBucket(String name) {
        this.name = name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = GcsEmulator.startWithBucket(name);
        client = emulator.client();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    /**
     * @return the bucket's name
     */
    public String name() {
        return name;
    }

    /**
     * @return a google-cloud-storage client of the running emulator
     */
    public Storage storage() {
        return client;
    }

    /**
     * @return the Beam options that point Beam's GCS filesystem at the emulator
     */
    public List<String> beamOptions() {
        return emulator.beamOptions();
    }
}
