package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IsolatectlJsonSelectTest} again, each command run by the daemon: the same output, exit codes and input handling. */
@ExtendWith(ThroughDaemon.class)
class IsolatectlJsonSelectThroughDaemonTest extends IsolatectlJsonSelectTest {
}
