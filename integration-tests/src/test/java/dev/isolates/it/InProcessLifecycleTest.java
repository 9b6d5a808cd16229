package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LifecycleTest} with its isolates in-process ({@code -Disolates.inProcess=true}). */
@ExtendWith(InProcessMode.class)
class InProcessLifecycleTest extends LifecycleTest {
}
