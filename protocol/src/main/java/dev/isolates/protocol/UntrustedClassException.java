package dev.isolates.protocol;

/** An untrusted isolate sent a message naming a class outside the {@link AllowList}; it was not loaded. */
public final class UntrustedClassException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;

    public UntrustedClassException(String className) {
        super("an untrusted isolate sent a message naming class " + className
                + ", which is not on the allow-list (JDK values, collections, arrays); the class was not loaded");
        this.className = className;
    }

    /** The class the message named. */
    public String className() {
        return className;
    }
}
