package dev.isolates.cli;

/** The class named on the command line cannot run as asked: missing, or of the wrong kind. Thrown in the isolate. */
public final class PluginClassException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PluginClassException(String message) {
        super(message);
    }
}
