package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolates;
import dev.isolates.UnsendableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Something that cannot cross isolates fails the call with the path to it, before anything is sent. */
@ExtendWith(NoChildProcessLeftBehind.class)
class UnsendableTest {

    /** Holds a live connection, as a client object would. */
    static final class Connection {
        final String host;
        final Socket socket;

        Connection(String host, Socket socket) {
            this.host = host;
            this.socket = socket;
        }
    }

    /** Holds a plain lambda, which is not Serializable. */
    static final class Lazy {
        final Supplier<String> supplier;

        Lazy(Supplier<String> supplier) {
            this.supplier = supplier;
        }
    }

    /** Holds an open stream. */
    static final class Source {
        final String name;
        final InputStream input;

        Source(String name, InputStream input) {
            this.name = name;
            this.input = input;
        }
    }

    @Test
    void shouldNamePathToSocketInsideCapturedObject() throws Exception {
        try (Socket socket = new Socket()) {
            Connection conn = new Connection("db.example", socket);

            CompletableFuture<String> call = Isolates.run(() -> conn.host);

            assertTrue(call.isCompletedExceptionally(), "refused at once, before any isolate starts");
            UnsendableException e = unsendable(() -> call.get(60, SECONDS));

            assertEquals("computation -> captured arg$1 -> socket", e.path());
            assertEquals(Socket.class.getName(), e.type());
            assertTrue(e.getMessage().contains(e.path()), e.getMessage());
        }
    }

    @Test
    void shouldRefuseNonSerializableLambdaInsideCapturedObject() throws Exception {
        Supplier<String> plain = () -> "not serializable";
        Lazy lazy = new Lazy(plain);

        CompletableFuture<String> call = Isolates.run(() -> lazy.supplier.get());

        assertTrue(call.isCompletedExceptionally(), "refused at once, before any isolate starts");
        UnsendableException e = unsendable(() -> call.get(60, SECONDS));

        assertEquals("computation -> captured arg$1 -> supplier", e.path());
        assertEquals(plain.getClass().getName(), e.type());
        assertTrue(e.getMessage().contains("Serializable"), "the message should say what to do: " + e.getMessage());
    }

    @Test
    void shouldRefuseThreadAsResult() throws Exception {
        UnsendableException e = unsendable(() -> Isolates.run(() -> new Thread(() -> { })).get(60, SECONDS));

        assertEquals("result", e.path());
        assertEquals(Thread.class.getName(), e.type());
    }

    @Test
    void shouldNamePathToStreamInsideResult() throws Exception {
        UnsendableException e = unsendable(() -> Isolates.run(
                () -> new Source("bytes", new ByteArrayInputStream(new byte[] {1, 2, 3}))).get(60, SECONDS));

        assertTrue(e.path().startsWith("result"), e.path());
        assertEquals("result -> input", e.path());
        assertEquals(ByteArrayInputStream.class.getName(), e.type());
    }

    private static UnsendableException unsendable(org.junit.jupiter.api.function.Executable call) {
        ExecutionException e = assertThrows(ExecutionException.class, call);
        return assertInstanceOf(UnsendableException.class, e.getCause());
    }
}
