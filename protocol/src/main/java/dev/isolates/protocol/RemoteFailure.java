package dev.isolates.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A throwable as facts that any JVM can read: class name, message, stack, cause chain and
 * suppressed exceptions. The receiving side rebuilds an exception of the same class from it when it
 * can. Throwables are not sent as objects because their fields are closed to reflection.
 *
 * @param className  the thrown class's binary name
 * @param message    its message, may be null
 * @param stack      its stack frames as thrown
 * @param cause      its cause, or null
 * @param suppressed its suppressed exceptions
 */
public record RemoteFailure(String className, String message, StackTraceElement[] stack, RemoteFailure cause,
                            RemoteFailure[] suppressed) {
    private static final int MAX_CHAIN = 32;

    /** Captures {@code t} and its whole cause chain. */
    public static RemoteFailure of(Throwable t) {
        return of(t, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static RemoteFailure of(Throwable t, Set<Throwable> seen, int depth) {
        if (t == null || depth > MAX_CHAIN || !seen.add(t)) {
            return null;
        }
        List<RemoteFailure> suppressed = new ArrayList<>();
        for (Throwable s : t.getSuppressed()) {
            RemoteFailure f = of(s, seen, depth + 1);
            if (f != null) {
                suppressed.add(f);
            }
        }
        return new RemoteFailure(t.getClass().getName(), t.getMessage(), t.getStackTrace(),
                of(t.getCause(), seen, depth + 1), suppressed.toArray(new RemoteFailure[0]));
    }

    /** The short class name, e.g. {@code OutOfMemoryError}. */
    public String simpleClassName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** The stack as {@code printStackTrace} would show it, causes included. */
    public String stackTraceText() {
        StringBuilder sb = new StringBuilder();
        append(sb, "", this);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String prefix, RemoteFailure f) {
        sb.append(prefix).append(f.className);
        if (f.message != null) {
            sb.append(": ").append(f.message);
        }
        sb.append('\n');
        for (StackTraceElement e : f.stack) {
            sb.append("\tat ").append(e).append('\n');
        }
        for (RemoteFailure s : f.suppressed) {
            append(sb, "\tSuppressed: ", s);
        }
        if (f.cause != null) {
            append(sb, "Caused by: ", f.cause);
        }
    }

    @Override
    public String toString() {
        return message == null ? className : className + ": " + message;
    }
}
