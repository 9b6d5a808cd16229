package dev.isolates.protocol;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The types that never cross isolates, each with the reason a person reads in the error: they stand
 * for something of this process (a thread, a socket, a file descriptor) that a copy cannot carry.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class DenyList {
    private final Map<Class<?>, String> denied;
    private final ClassValue<String> cache = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return lookup(type);
        }
    };

    private DenyList(Map<Class<?>, String> denied) {
        this.denied = Map.copyOf(denied);
    }

    /** The JDK types that stand for resources of this process. */
    public static DenyList standard() {
        Map<Class<?>, String> m = new LinkedHashMap<>();
        m.put(Thread.class, "a thread belongs to the process that runs it");
        m.put(ThreadGroup.class, "a thread group belongs to the process that runs it");
        m.put(ClassLoader.class, "a class loader belongs to its process; send data, not loaders");
        m.put(java.net.Socket.class, "a socket is a connection of this process; send its address instead");
        m.put(java.net.ServerSocket.class, "a server socket is a resource of this process");
        m.put(java.net.DatagramSocket.class, "a socket is a resource of this process");
        m.put(java.nio.channels.Channel.class, "a channel is an open resource of this process");
        m.put(java.nio.channels.Selector.class, "a selector is an open resource of this process");
        m.put(InputStream.class, "a stream is an open resource of this process; send its bytes or a path");
        m.put(OutputStream.class, "a stream is an open resource of this process");
        m.put(Reader.class, "a reader is an open resource of this process; send its text or a path");
        m.put(Writer.class, "a writer is an open resource of this process");
        m.put(Process.class, "a process handle belongs to the process that started it");
        m.put(ProcessHandle.class, "a process handle belongs to this process; send the pid");
        m.put(java.io.FileDescriptor.class, "a file descriptor is only valid in this process");
        m.put(java.lang.ref.Reference.class, "a reference is tied to this process's garbage collector");
        return new DenyList(m);
    }

    /** This list plus {@code type} (and its subtypes), refused with {@code reason}. */
    public DenyList with(Class<?> type, String reason) {
        Map<Class<?>, String> m = new LinkedHashMap<>(denied);
        m.put(type, reason);
        return new DenyList(m);
    }

    /** Why {@code type} may not be sent, or null when it may. */
    public String reason(Class<?> type) {
        return cache.get(type);
    }

    private String lookup(Class<?> type) {
        if (isLambda(type) && !Serializable.class.isAssignableFrom(type)) {
            return "a lambda that is not Serializable cannot be copied to another JVM; "
                    + "give it a Serializable target type such as IsolateCallable";
        }
        for (Map.Entry<Class<?>, String> e : denied.entrySet()) {
            if (e.getKey().isAssignableFrom(type)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** True for the hidden classes the JVM makes for lambdas and method references. */
    static boolean isLambda(Class<?> type) {
        return type.isSynthetic() && type.getName().contains("$$Lambda");
    }
}
