package dev.isolates.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import dev.isolates.RemoteException;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.RemoteFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureRebuilderTest {
    private static final ClassLoader LOADER = FailureRebuilderTest.class.getClassLoader();

    /** Changes the message it is given, so it cannot be rebuilt with the remote message. */
    public static final class PrefixingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PrefixingException(String message) {
            super("prefix: " + message);
        }
    }

    /** Fixes its own cause to null, so a remote cause cannot be attached. */
    public static final class CauselessException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CauselessException(String message) {
            super(message, null);
        }
    }

    /** Has only a (String, Throwable) constructor. */
    public static final class WrappingException extends Exception {
        private static final long serialVersionUID = 1L;

        public WrappingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static Throwable thrown(Throwable t) {
        try {
            throw t;
        } catch (Throwable caught) {
            return caught;
        }
    }

    /** As it arrives from an isolate: captured there, then through the codec. */
    private static RemoteFailure overTheWire(Throwable t) {
        KryoCodec codec = KryoCodec.standard();
        Output out = new Output(1024, -1);
        codec.encode(RemoteFailure.of(t), out);
        return (RemoteFailure) codec.decode(out.toBytes());
    }

    @Test
    void shouldRebuildSameClassMessageStackAndCause() {
        Throwable inner = thrown(new IOException("disk said no"));
        Throwable outer = thrown(new IllegalStateException("could not load", inner));

        Throwable rebuilt = FailureRebuilder.rebuild(overTheWire(outer), LOADER);

        assertInstanceOf(IllegalStateException.class, rebuilt);
        assertEquals("could not load", rebuilt.getMessage());
        assertArrayEquals(outer.getStackTrace(), rebuilt.getStackTrace());
        Throwable cause = rebuilt.getCause();
        assertInstanceOf(IOException.class, cause);
        assertEquals("disk said no", cause.getMessage());
        assertArrayEquals(inner.getStackTrace(), cause.getStackTrace());
        assertNull(cause.getCause());
    }

    @Test
    void shouldRebuildExceptionWithoutMessageAndSuppressed() {
        Throwable t = thrown(new UnsupportedOperationException());
        t.addSuppressed(new IllegalArgumentException("while closing"));

        Throwable rebuilt = FailureRebuilder.rebuild(overTheWire(t), LOADER);

        assertInstanceOf(UnsupportedOperationException.class, rebuilt);
        assertNull(rebuilt.getMessage());
        assertEquals(1, rebuilt.getSuppressed().length);
        assertInstanceOf(IllegalArgumentException.class, rebuilt.getSuppressed()[0]);
        assertEquals("while closing", rebuilt.getSuppressed()[0].getMessage());
    }

    @Test
    void shouldRebuildClassThatOnlyTakesMessageAndCause() {
        Throwable t = thrown(new WrappingException("wrapped", new IOException("io")));
        Throwable rebuilt = FailureRebuilder.rebuild(overTheWire(t), LOADER);
        assertInstanceOf(WrappingException.class, rebuilt);
        assertEquals("wrapped", rebuilt.getMessage());
        assertInstanceOf(IOException.class, rebuilt.getCause());
        assertEquals("io", rebuilt.getCause().getMessage());
    }

    @Test
    void shouldGiveRemoteExceptionKeepingCauseWhenNoConstructorFits() {
        // UncheckedIOException has neither (String) nor (String, Throwable)
        Throwable t = thrown(new UncheckedIOException("wrapped", new IOException("io")));
        Throwable rebuilt = FailureRebuilder.rebuild(overTheWire(t), LOADER);
        RemoteException remote = assertInstanceOf(RemoteException.class, rebuilt);
        assertEquals(UncheckedIOException.class.getName(), remote.remoteClassName());
        assertEquals("wrapped", remote.getMessage());
        assertInstanceOf(IOException.class, remote.getCause());
        assertArrayEquals(t.getStackTrace(), remote.getStackTrace());
    }

    @Test
    void shouldGiveRemoteExceptionForUnknownClass() {
        StackTraceElement[] stack = {new StackTraceElement("com.example.plugin.Parser", "parse", "Parser.java", 42)};
        RemoteFailure failure = new RemoteFailure("com.example.plugin.ParseException", "bad token", stack, null,
                new RemoteFailure[0]);

        Throwable rebuilt = FailureRebuilder.rebuild(failure, LOADER);

        RemoteException remote = assertInstanceOf(RemoteException.class, rebuilt);
        assertEquals("com.example.plugin.ParseException", remote.remoteClassName());
        assertEquals("bad token", remote.getMessage());
        assertArrayEquals(stack, remote.getStackTrace());
        assertTrue(remote.remoteStackTrace().startsWith("com.example.plugin.ParseException: bad token"),
                remote.remoteStackTrace());
        assertTrue(remote.remoteStackTrace().contains("com.example.plugin.Parser.parse(Parser.java:42)"),
                remote.remoteStackTrace());
    }

    @Test
    void shouldGiveRemoteExceptionWhenConstructorChangesMessage() {
        Throwable t = thrown(new PrefixingException("original"));
        RemoteFailure failure = overTheWire(t);
        assertEquals("prefix: original", failure.message());

        Throwable rebuilt = FailureRebuilder.rebuild(failure, LOADER);

        RemoteException remote = assertInstanceOf(RemoteException.class, rebuilt);
        assertEquals(PrefixingException.class.getName(), remote.remoteClassName());
        assertEquals("prefix: original", remote.getMessage(), "the message as thrown");
    }

    @Test
    void shouldGiveRemoteExceptionWhenCauseCannotBeAttached() {
        Throwable cause = thrown(new IllegalArgumentException("root"));
        CauselessException t = new CauselessException("top");
        RemoteFailure withCause = new RemoteFailure(CauselessException.class.getName(), "top", t.getStackTrace(),
                RemoteFailure.of(cause), new RemoteFailure[0]);

        Throwable rebuilt = FailureRebuilder.rebuild(withCause, LOADER);

        RemoteException remote = assertInstanceOf(RemoteException.class, rebuilt);
        assertEquals(CauselessException.class.getName(), remote.remoteClassName());
        assertInstanceOf(IllegalArgumentException.class, remote.getCause(), "the chain is kept");
        assertEquals("root", remote.getCause().getMessage());
    }

    @Test
    void shouldGiveRemoteExceptionForClassThatIsNotThrowable() {
        RemoteFailure failure = new RemoteFailure("java.lang.String", "not an exception", new StackTraceElement[0],
                null, new RemoteFailure[0]);
        RemoteException remote = assertInstanceOf(RemoteException.class, FailureRebuilder.rebuild(failure, LOADER));
        assertEquals("java.lang.String", remote.remoteClassName());
    }

    @Test
    void shouldKeepRebuiltCauseInstanceInChain() {
        Throwable t = thrown(new RuntimeException("a", new RuntimeException("b", new RuntimeException("c"))));
        Throwable rebuilt = FailureRebuilder.rebuild(overTheWire(t), LOADER);
        assertEquals("a", rebuilt.getMessage());
        assertEquals("b", rebuilt.getCause().getMessage());
        assertEquals("c", rebuilt.getCause().getCause().getMessage());
        assertNull(rebuilt.getCause().getCause().getCause());
    }
}
