package dev.isolates.runtime;

import dev.isolates.Isolate;
import dev.isolates.TransferableBuffer;

/**
 * The one seam between the public API's final classes and the runtime behind them: how the runtime
 * wraps its handles in API objects and reaches back into them, without an API class having a public
 * constructor or accessor that names an implementation type. The API package installs the only
 * instance when {@link Isolate} is initialised; the runtime calls the static methods.
 *
 * <p>Thread-safe.
 */
public abstract class ApiBridge {
    private static volatile ApiBridge installed;

    /** For the API package's one implementation. */
    protected ApiBridge() {
    }

    /**
     * Installs the API's bridge; once per JVM.
     *
     * @throws IllegalStateException if a bridge is installed already
     */
    public static synchronized void install(ApiBridge bridge) {
        if (installed != null) {
            throw new IllegalStateException("the API bridge is installed already");
        }
        installed = bridge;
    }

    /** The API's handle on the isolate {@code handle} controls. */
    public static Isolate isolate(IsolateHandle handle) {
        return bridge().newIsolate(handle);
    }

    /** The API's buffer over {@code backing}. */
    public static TransferableBuffer buffer(TransferBacking backing) {
        return bridge().newBuffer(backing);
    }

    /** The memory behind {@code buffer}. */
    public static TransferBacking backing(TransferableBuffer buffer) {
        return bridge().backingOf(buffer);
    }

    private static ApiBridge bridge() {
        ApiBridge b = installed;
        if (b == null) {
            try {
                Class.forName(Isolate.class.getName(), true, Isolate.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("dev.isolates.Isolate is not loadable", e);
            }
            b = installed;
        }
        return b;
    }

    /** A new API handle over {@code handle}. */
    protected abstract Isolate newIsolate(IsolateHandle handle);

    /** A new API buffer over {@code backing}. */
    protected abstract TransferableBuffer newBuffer(TransferBacking backing);

    /** The backing of {@code buffer}. */
    protected abstract TransferBacking backingOf(TransferableBuffer buffer);
}
