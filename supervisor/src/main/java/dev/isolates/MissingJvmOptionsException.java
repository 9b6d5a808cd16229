package dev.isolates;

import java.util.List;

/**
 * This JVM was started without options the library needs (module opens and exports for Chronicle
 * Queue and Kryo), so no isolate could talk to it. Every call fails with it at once, before any
 * isolate starts. Start the JVM with {@code $(isolatectl jvm-options)}, give the options to
 * Surefire's {@code argLine}, or name them in an executable jar's manifest ({@code Add-Opens},
 * {@code Add-Exports}).
 */
public final class MissingJvmOptionsException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The options this JVM lacks. */
    private final List<String> missingOptions;

    /**
     * Reports the options this JVM lacks.
     *
     * @param message        which options are missing and how to give them
     * @param missingOptions the options, as they go on a command line; copied
     */
    public MissingJvmOptionsException(String message, List<String> missingOptions) {
        super(message);
        this.missingOptions = List.copyOf(missingOptions);
    }

    /**
     * The options this JVM lacks, as they go on a command line, e.g. {@code --add-exports=java.base/sun.nio.ch=ALL-UNNAMED}.
     *
     * @return the options, at least one; unmodifiable
     */
    public List<String> missingOptions() {
        return missingOptions;
    }
}
