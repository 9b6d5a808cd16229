package dev.isolates;

import java.util.List;

/** An isolate's JVM could not start: a bad JVM option, a missing class, no room for its files. */
public final class IsolateStartException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The command that was run. */
    private final List<String> command;
    /** What the JVM printed on stderr. */
    private final String output;

    /**
     * Reports a JVM that did not start.
     *
     * @param message what failed and what to do
     * @param command the command that was run, as its words; copied
     * @param output  what the JVM printed on stderr, possibly empty
     * @param cause   the launcher's own report of it
     */
    public IsolateStartException(String message, List<String> command, String output, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
        this.output = output;
    }

    /**
     * The command that was run.
     *
     * @return the {@code java} command line, one word per element; unmodifiable
     */
    public List<String> command() {
        return command;
    }

    /**
     * What the JVM printed on stderr.
     *
     * @return the JVM's stderr up to the failure, possibly empty
     */
    public String output() {
        return output;
    }
}
