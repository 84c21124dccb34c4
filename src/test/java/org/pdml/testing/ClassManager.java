package org.pdml.testing;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One base {@link NDManager} for a test class: opened before its first test and closed, with every
 * array it still holds, after its last. Register it as {@code @RegisterExtension static final
 * ClassManager manager = new ClassManager();} and use {@link #get()} inside tests.
 */
public final class ClassManager implements BeforeAllCallback, AfterAllCallback {
    private NDManager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = NDManager.newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    /**
     * @return the class's manager; only valid between the first test's start and the last's end
     */
    public NDManager get() {
        if (manager == null) {
            throw new IllegalStateException("ClassManager used outside its test class's lifetime");
        }
        return manager;
    }
}
