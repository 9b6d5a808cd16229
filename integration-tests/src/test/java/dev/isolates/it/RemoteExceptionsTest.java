package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolates;
import dev.isolates.RemoteException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A computation's exception comes back as the same class, message, remote stack and cause chain. */
@ExtendWith(NoChildProcessLeftBehind.class)
class RemoteExceptionsTest {

    /** An exception class of the caller's own, rebuildable from its message. */
    public static class InventoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InventoryException(String message) {
            super(message);
        }
    }

    /** An exception class with no constructor taking a message: it cannot be rebuilt here. */
    public static class CodedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CodedException(int code) {
            super("failed with code " + code);
        }
    }

    @Test
    void shouldRebuildExceptionWithSameClassMessageRemoteStackAndCause() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Isolates.run(() -> explode()).get(60, SECONDS));

        IllegalStateException thrown = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", thrown.getMessage());
        StackTraceElement[] stack = thrown.getStackTrace();
        assertTrue(hasFrame(stack, RemoteExceptionsTest.class.getName(), "explode"),
                "the stack must name the method that threw: " + Arrays.toString(stack));
        assertTrue(Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(RemoteExceptionsTest.class.getName())
                        && f.getMethodName().startsWith("lambda$")),
                "the stack must name the computation's lambda: " + Arrays.toString(stack));
        String bottom = InProcessMode.on() ? "dev.isolates.bootstrap.WorkerThread" : "dev.isolates.bootstrap.WorkerMain";
        assertTrue(Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith(bottom)),
                "the stack must be the one from the isolate's JVM: " + Arrays.toString(stack));

        IOException cause = assertInstanceOf(IOException.class, thrown.getCause());
        assertEquals("inner", cause.getMessage());
        assertTrue(hasFrame(cause.getStackTrace(), RemoteExceptionsTest.class.getName(), "explode"),
                "the cause keeps its own remote stack: " + Arrays.toString(cause.getStackTrace()));
        assertNull(cause.getCause());
    }

    @Test
    void shouldRebuildCallersOwnExceptionClass() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> {
            throw new InventoryException("only 3 left of item 17");
        }).get(60, SECONDS));

        InventoryException thrown = assertInstanceOf(InventoryException.class, e.getCause());
        assertEquals("only 3 left of item 17", thrown.getMessage());
        assertTrue(Arrays.stream(thrown.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(RemoteExceptionsTest.class.getName())),
                "remote stack expected: " + Arrays.toString(thrown.getStackTrace()));
    }

    @Test
    void shouldReportRemoteExceptionWhenClassHasNoMessageConstructor() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> {
            throw new CodedException(42);
        }).get(60, SECONDS));

        RemoteException remote = assertInstanceOf(RemoteException.class, e.getCause());
        assertEquals(CodedException.class.getName(), remote.remoteClassName());
        assertEquals("failed with code 42", remote.getMessage());
        String trace = remote.remoteStackTrace();
        assertNotNull(trace);
        assertTrue(trace.startsWith(CodedException.class.getName() + ": failed with code 42"), trace);
        assertTrue(trace.contains(RemoteExceptionsTest.class.getName() + ".lambda$"),
                "the remote stack text must name the computation: " + trace);
    }

    private static Object explode() {
        throw new IllegalStateException("boom", new IOException("inner"));
    }

    private static boolean hasFrame(StackTraceElement[] stack, String className, String method) {
        return Arrays.stream(stack).anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
    }
}
