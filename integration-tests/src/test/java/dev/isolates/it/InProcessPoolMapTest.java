package dev.isolates.it;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link PoolMapTest} with its isolates in-process ({@code -Disolates.inProcess=true}). */
@ExtendWith(InProcessMode.class)
class InProcessPoolMapTest extends PoolMapTest {
}
