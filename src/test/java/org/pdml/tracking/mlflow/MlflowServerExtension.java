package org.pdml.tracking.mlflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real {@code mlflow server} (127.0.0.1, SQLite, from the venv at system property {@code
 * pdml.venv}) per test class and injects it as a {@link TestMlflowServer} parameter.
 */
public final class MlflowServerExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(MlflowServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String venv = System.getProperty("pdml.venv");
        if (venv == null) {
            throw new IllegalStateException("system property pdml.venv is not set");
        }
        Path data = Files.createTempDirectory("pdml-mlflow-it");
        TestMlflowServer server = new TestMlflowServer(Path.of(venv), data);
        context.getStore(NS).put(TestMlflowServer.class, server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestMlflowServer server =
                context.getStore(NS).remove(TestMlflowServer.class, TestMlflowServer.class);
        if (server != null) {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestMlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).get(TestMlflowServer.class, TestMlflowServer.class);
    }
}
