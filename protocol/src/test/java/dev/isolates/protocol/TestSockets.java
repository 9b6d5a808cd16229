package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/** Accepting a doorbell connection on the supervisor's non-blocking socket, in tests. */
final class TestSockets {
    /** Long enough never to be the reason a test ends; a test that waits this long has failed. */
    static final long PATIENCE_SECONDS = 30;

    private TestSockets() {
    }

    static SocketChannel accept(ServerSocketChannel server) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (true) {
            SocketChannel s = server.accept();
            if (s != null) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                fail("the doorbell connection was never accepted");
            }
            Thread.onSpinWait();
        }
    }
}
