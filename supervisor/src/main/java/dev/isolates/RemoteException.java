package dev.isolates;

/**
 * An exception thrown in an isolate that could not be rebuilt as its own class here (the class is
 * not on this side's classpath, or has no usable constructor). It carries the remote class name,
 * message and stack.
 */
public final class RemoteException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The class of the exception as thrown in the isolate. */
    private final String remoteClassName;
    /** The remote stack as text. */
    private final String remoteStackTrace;

    /**
     * Carries an exception from an isolate whose class is not rebuilt here.
     *
     * @param remoteClassName  the exception's class name in the isolate
     * @param message          its message, or null
     * @param remoteStackTrace its stack as text, as {@code printStackTrace} showed it in the isolate
     * @param cause            its cause, itself rebuilt, or null
     */
    public RemoteException(String remoteClassName, String message, String remoteStackTrace, Throwable cause) {
        super(message, cause);
        this.remoteClassName = remoteClassName;
        this.remoteStackTrace = remoteStackTrace;
    }

    /**
     * The class of the exception as thrown in the isolate.
     *
     * @return the fully qualified class name, e.g. {@code com.example.ParseException}
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /**
     * The remote stack as text, as {@code printStackTrace} showed it in the isolate.
     *
     * @return the stack, causes included, one frame per line
     */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return remoteClassName + (message == null ? "" : ": " + message) + " (in an isolate)";
    }
}
