package dev.isolates.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why an isolate's JVM ended: the one list both JVMs share. A worker that ends on its own names one
 * of these in its {@link ExitNotice} and exits with its {@link #exitCode()}; the supervisor names one
 * from the exit code, the signal and the last stderr lines when no notice came. {@link #text()} is
 * the string {@code dev.isolates.IsolateExit.reason()} documents; a few reasons add a detail to it
 * (the error's class, the signal), see {@link #text(String)}.
 *
 * <p>This type crosses from the protocol into the supervisor and the worker runtime: it is the
 * wire's vocabulary for an exit, not public API. Immutable; safe from any thread.
 */
public enum ExitReason {
    /** A spawned isolate whose entry point returned and had no open receive port; or one let go in order. */
    COMPLETED("completed", 0),
    /** The isolate called {@code Isolate.exit(port, message)}. */
    ISOLATE_EXIT("Isolate.exit", 0),
    /** The isolate was killed before its next event, as asked. */
    KILLED("killed", 95),
    /** The isolate's code called {@code System.exit}; the exit code is the code's own. */
    SYSTEM_EXIT("System.exit"),
    /** The JVM ended without a notice and without running shutdown hooks, or with a code nothing else explains. */
    RUNTIME_HALT("Runtime.halt"),
    /** An error no code of the isolate caught ended it; the text names the error's class: {@code uncaught IllegalStateException}. */
    UNCAUGHT_ERROR("uncaught", 94) {
        @Override
        public String text(String detail) {
            return "uncaught " + detail;
        }
    },
    /** A stack overflow ended the isolate after it reported it. */
    STACK_OVERFLOW("StackOverflowError", 98),
    /** The heap ran out; 3 is the JVM's own exit code for {@code -XX:+ExitOnOutOfMemoryError}. */
    OUT_OF_MEMORY("OutOfMemoryError", 3),
    /**
     * Another {@link VirtualMachineError} ended the isolate after it reported it; the text is the
     * error's simple class name, such as {@code InternalError}.
     */
    FATAL_ERROR("VirtualMachineError", 98) {
        @Override
        public String text(String detail) {
            return detail;
        }
    },
    /** The worker could not read a message from the supervisor and ended rather than read on in doubt. */
    UNREADABLE_BY_WORKER("unreadable message from the supervisor", 98),
    /** The supervisor could not read what the isolate sent, and killed it. */
    UNREADABLE_BY_SUPERVISOR("unreadable message"),
    /**
     * The isolate could not write to its channel, not even why it ends, for want of room on the
     * session's file system; it says so in a stderr line starting with {@link #stderrMark()}.
     */
    DISK_FULL("disk full", 93, "isolate: disk full: "),
    /** The supervisor died, or let the isolate go; the worker ended itself. */
    SUPERVISOR_GONE("supervisor gone", 97),
    /**
     * The worker could not connect its channel, or its body failed; it says so in a stderr line
     * starting with {@link #stderrMark()} (user code exiting with 96 is not it).
     */
    BOOTSTRAP_FAILED("worker bootstrap failed", 96, "isolate worker failed: "),
    /** The JVM itself crashed and wrote a fatal-error report; the detail, if known, is the signal: {@code JVM crash (SIGSEGV)}. */
    JVM_CRASH("JVM crash") {
        @Override
        public String text(String detail) {
            return detail.isEmpty() ? "JVM crash" : "JVM crash (" + detail + ")";
        }
    },
    /** A signal ended the JVM (exit code 128 + n); the text is its name, such as {@code SIGKILL}, or {@code signal n}. */
    SIGNAL("signal") {
        @Override
        public String text(String detail) {
            return detail;
        }
    };

    private static final Map<String, ExitReason> BY_TEXT = Arrays.stream(values())
            .filter(r -> !r.detailed())
            .collect(Collectors.toUnmodifiableMap(r -> r.text, Function.identity()));

    private final String text;
    private final int exitCode;
    private final String stderrMark;

    ExitReason(String text) {
        this(text, -1, "");
    }

    ExitReason(String text, int exitCode) {
        this(text, exitCode, "");
    }

    ExitReason(String text, int exitCode, String stderrMark) {
        this.text = text;
        this.exitCode = exitCode;
        this.stderrMark = stderrMark;
    }

    /** The reason as {@code IsolateExit.reason()} has it, for a reason without detail. */
    public String text() {
        if (detailed()) {
            throw new IllegalStateException(name() + " needs a detail: use text(String)");
        }
        return text;
    }

    /**
     * The reason as {@code IsolateExit.reason()} has it, with {@code detail} (an error's simple class
     * name, a signal's name) for the reasons that carry one; the others ignore it.
     */
    public String text(String detail) {
        return text;
    }

    /** True for the reasons whose text carries a detail. */
    public boolean detailed() {
        return this == UNCAUGHT_ERROR || this == FATAL_ERROR || this == JVM_CRASH || this == SIGNAL;
    }

    /**
     * The exit code a JVM ending for this reason has, when the reason fixes one: the worker exits
     * with it. Empty for codes chosen elsewhere (the code's own {@code System.exit(n)}, a signal's
     * 128 + n, a crash).
     */
    public OptionalInt exitCode() {
        return exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** {@link #exitCode()} for a reason that fixes one; throws for the others. */
    public int code() {
        if (exitCode < 0) {
            throw new IllegalStateException(name() + " has no exit code of its own");
        }
        return exitCode;
    }

    /** The start of the stderr line a worker writes before it exits for this reason, or empty. */
    public String stderrMark() {
        return stderrMark;
    }

    /** The ways a healthy isolate ends. */
    public boolean isNormal() {
        return this == COMPLETED || this == ISOLATE_EXIT || this == KILLED;
    }

    /** The reason a {@link VirtualMachineError} that reached the worker's event loop ends it with. */
    public static ExitReason ofFatal(VirtualMachineError e) {
        if (e instanceof StackOverflowError) {
            return STACK_OVERFLOW;
        }
        return e instanceof OutOfMemoryError ? OUT_OF_MEMORY : FATAL_ERROR;
    }

    /**
     * The reason whose {@link #text(String)} gave {@code text}, read back: a fixed text names its
     * reason; {@code uncaught X}, {@code JVM crash...}, {@code SIG...} and {@code signal n} name
     * theirs; another {@code ...Error} is a {@link #FATAL_ERROR}. Empty for any other text.
     */
    public static Optional<ExitReason> ofText(String text) {
        ExitReason fixed = BY_TEXT.get(text);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        if (text.startsWith("uncaught ")) {
            return Optional.of(UNCAUGHT_ERROR);
        }
        if (text.startsWith("JVM crash")) {
            return Optional.of(JVM_CRASH);
        }
        if (text.startsWith("SIG") || text.startsWith("signal ")) {
            return Optional.of(SIGNAL);
        }
        return text.endsWith("Error") ? Optional.of(FATAL_ERROR) : Optional.empty();
    }
}
