package dev.imagegen.systemtests;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the apps when the test run ends, while PostgreSQL and Kafka still run: their own shutdown
 * hooks would otherwise race the apps' shutdown at JVM exit.
 */
public class StopSystemAfterTests implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SystemUnderTest.stopIfStarted();
    }
}
