package dev.isolates;

import java.util.List;

/** An isolate's JVM could not start: a bad JVM option, a missing class, no room for its files. */
public final class IsolateStartException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final String output;

    public IsolateStartException(String message, List<String> command, String output, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
        this.output = output;
    }

    /** The command that was run. */
    public List<String> command() {
        return command;
    }

    /** What the JVM printed on stderr. */
    public String output() {
        return output;
    }
}
