package so.cueflow;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints why each test or class was skipped (a disabled condition's reason, an assumption's
 * message): the build's summary only counts skipped tests, and a count says nothing.
 * Registered in META-INF/services, so every Surefire and Failsafe run uses it.
 */
public final class SkipReasons implements TestExecutionListener {
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        System.out.println("[skipped] " + test.getDisplayName() + " (" + test.getUniqueId().replaceAll(".*class:([^\\]]+)].*", "$1")
                + "): " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            System.out.println("[skipped] " + test.getDisplayName() + ": "
                    + result.getThrowable().map(Throwable::getMessage).orElse("aborted without a reason"));
        }
    }
}
