package dev.isolates;

/**
 * An exception thrown in an isolate that could not be rebuilt as its own class here (the class is
 * not on this side's classpath, or has no usable constructor). It carries the remote class name,
 * message and stack.
 */
public final class RemoteException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final String remoteClassName;
    private final String remoteStackTrace;

    public RemoteException(String remoteClassName, String message, String remoteStackTrace, Throwable cause) {
        super(message, cause);
        this.remoteClassName = remoteClassName;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** The class of the exception as thrown in the isolate. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** The remote stack as text, as {@code printStackTrace} showed it in the isolate. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return remoteClassName + (message == null ? "" : ": " + message) + " (in an isolate)";
    }
}
