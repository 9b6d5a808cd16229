package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RunResultsTest} with its isolates in-process ({@code -Disolates.inProcess=true}). */
@ExtendWith(InProcessMode.class)
class InProcessRunResultsTest extends RunResultsTest {
}
