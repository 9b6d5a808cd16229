package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link IsolatectlJsonTest} again, each command run by the daemon: the same output, exit codes and input handling. */
@ExtendWith(ThroughDaemon.class)
class IsolatectlJsonThroughDaemonTest extends IsolatectlJsonTest {
}
