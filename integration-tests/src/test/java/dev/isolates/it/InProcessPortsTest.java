package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PortsTest} with its isolates in-process ({@code -Disolates.inProcess=true}). */
@ExtendWith(InProcessMode.class)
class InProcessPortsTest extends PortsTest {
}
