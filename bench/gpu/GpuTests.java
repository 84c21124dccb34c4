import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import java.nio.file.Path;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the tests tagged {@code gpu} in TEST_CLASSES (default target/test-classes) without Maven:
 * the JUnit Platform launcher on the classpath that bench/gpu/run.sh builds from target/ and the
 * copied dependencies. Prints one line per test (ok, SKIPPED with the reason, FAILED with the
 * error) and a summary. Exit status: 0 all passed, 1 a test failed, 3 none ran (all skipped, or no
 * test found). Usage: GpuTests [TEST_CLASSES].
 */
public final class GpuTests {
    public static void main(String[] args) {
        Path classes = Path.of(args.length > 0 ? args[0] : "target/test-classes");
        LauncherDiscoveryRequest request =
                LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClasspathRoots(Set.of(classes)))
                        .filters(TagFilter.includeTags("gpu"))
                        .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, summary, new Lines());
        TestExecutionSummary s = summary.getSummary();
        System.out.printf(
                "gpu tests: %d found, %d passed, %d failed, %d skipped%n",
                s.getTestsFoundCount(),
                s.getTestsSucceededCount(),
                s.getTestsFailedCount() + s.getContainersFailedCount(),
                s.getTestsAbortedCount() + s.getTestsSkippedCount());
        boolean failed = s.getTotalFailureCount() > 0;
        System.exit(failed ? 1 : s.getTestsSucceededCount() == 0 ? 3 : 0);
    }

    /** One line per finished or skipped test. */
    private static final class Lines implements TestExecutionListener {
        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            System.out.println("SKIPPED " + id.getDisplayName() + ": " + reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            String name = id.getLegacyReportingName();
            if (!name.equals(id.getDisplayName())) {
                name += " " + id.getDisplayName();
            }
            String why = result.getThrowable().map(t -> ": " + t).orElse("");
            switch (result.getStatus()) {
                case SUCCESSFUL -> System.out.println("ok      " + name);
                case ABORTED -> System.out.println("SKIPPED " + name + why);
                case FAILED -> System.out.println("FAILED  " + name + why);
            }
        }
    }
}
