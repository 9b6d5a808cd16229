package dev.isolates.launcher;

import java.util.List;

/** A worker JVM did not come up to a connected channel. Carries the command and what the JVM printed. */
public final class WorkerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final String output;

    public WorkerStartException(String message, List<String> command, String output, Throwable cause) {
        super(message, cause);
        this.command = List.copyOf(command);
        this.output = output;
    }

    /** The command that was run. */
    public List<String> command() {
        return command;
    }

    /** The last lines the JVM wrote to stderr. */
    public String output() {
        return output;
    }
}
