package dev.isolates.it;

import java.io.PrintWriter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The main class of a JVM that runs one JUnit test class through the JUnit Platform, as a build
 * tool's test JVM would, and prints the summary: {@link DocumentationExamplesTest} runs the
 * documentation's test classes with it. Exits 0 when the class had tests and every one passed, else 1.
 */
public final class JUnitClassLauncher {
    private JUnitClassLauncher() {
    }

    /** Runs the tests of the class {@code args[0]} names. */
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(args[0])).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 40);
        boolean passed = summary.getTestsFoundCount() > 0
                && summary.getTestsSucceededCount() == summary.getTestsFoundCount();
        System.exit(passed ? 0 : 1);
    }
}
