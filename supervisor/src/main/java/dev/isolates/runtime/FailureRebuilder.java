package dev.isolates.runtime;

import dev.isolates.RemoteException;
import dev.isolates.protocol.RemoteFailure;
import java.lang.reflect.Constructor;
import java.util.Objects;

/**
 * Rebuilds an exception thrown in an isolate as the same class, with the same message, remote stack
 * and cause chain, when this side can load the class and construct it with that message; otherwise
 * as a {@link RemoteException} carrying the same facts.
 */
public final class FailureRebuilder {
    private FailureRebuilder() {
    }

    public static Throwable rebuild(RemoteFailure failure, ClassLoader loader) {
        Throwable cause = failure.cause() == null ? null : rebuild(failure.cause(), loader);
        Throwable t = instantiate(failure, cause, loader);
        if (t == null) {
            t = new RemoteException(failure.className(), failure.message(), failure.stackTraceText(), cause);
        }
        t.setStackTrace(failure.stack());
        for (RemoteFailure s : failure.suppressed()) {
            t.addSuppressed(rebuild(s, loader));
        }
        return t;
    }

    /** The same facts as {@link RemoteException}s, loading no class: for untrusted isolates. */
    public static Throwable remote(RemoteFailure failure) {
        Throwable cause = failure.cause() == null ? null : remote(failure.cause());
        RemoteException e = new RemoteException(failure.className(), failure.message(), failure.stackTraceText(), cause);
        e.setStackTrace(failure.stack());
        return e;
    }

    private static Throwable instantiate(RemoteFailure failure, Throwable cause, ClassLoader loader) {
        Class<? extends Throwable> type;
        try {
            Class<?> c = Class.forName(failure.className(), false, loader);
            if (!Throwable.class.isAssignableFrom(c)) {
                return null;
            }
            type = c.asSubclass(Throwable.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        Throwable t = construct(type, failure.message(), cause);
        if (t == null || !Objects.equals(t.getMessage(), failure.message())) {
            return null;
        }
        if (cause != null && t.getCause() != cause) {
            try {
                t.initCause(cause);
            } catch (IllegalStateException | IllegalArgumentException e) {
                return null; // the class fixes its own cause: the chain would not be kept
            }
        }
        return t;
    }

    private static Throwable construct(Class<? extends Throwable> type, String message, Throwable cause) {
        if (cause != null) {
            Throwable t = tryConstruct(type, new Class<?>[] {String.class, Throwable.class}, message, cause);
            if (t != null) {
                return t;
            }
        }
        Throwable t = tryConstruct(type, new Class<?>[] {String.class}, message);
        if (t == null && message == null) {
            t = tryConstruct(type, new Class<?>[0]);
        }
        return t;
    }

    private static Throwable tryConstruct(Class<? extends Throwable> type, Class<?>[] parameters, Object... args) {
        try {
            Constructor<? extends Throwable> c = type.getDeclaredConstructor(parameters);
            if (!c.canAccess(null)) {
                c.setAccessible(true);
            }
            return c.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
