package dev.isolates;

import java.util.OptionalInt;

/**
 * How an isolate's JVM ended.
 *
 * <p>The {@code reason} is one of the constants below, or, with a detail: {@code uncaught X} (an
 * error of class X no code caught, when errors are fatal), {@code JVM crash} or {@code JVM crash (SIGSEGV)},
 * a signal's name such as {@code SIGTERM} (or {@code signal n}), another {@link VirtualMachineError}'s
 * simple class name, {@code unreadable message} (the supervisor could not read what the isolate sent),
 * {@code unreadable message from the supervisor}, {@code supervisor gone} or {@code worker bootstrap failed}.
 * Compare with {@code equals}: {@code IsolateExit.SYSTEM_EXIT.equals(exit.reason())}.
 *
 * @param exitCode the exit code (128 + n when killed by signal n)
 * @param signal   the signal that ended it, if one did
 * @param reason   why, e.g. {@code completed}, {@code System.exit}, {@code OutOfMemoryError}, {@code SIGKILL}
 */
public record IsolateExit(int exitCode, OptionalInt signal, String reason) {
    /** The reason of a spawned isolate whose entry point returned and that had no open receive port. */
    public static final String COMPLETED = "completed";
    /** The reason of an isolate that called {@link Isolates#exit(SendPort, Object)}. */
    public static final String ISOLATE_EXIT = "Isolate.exit";
    /** The reason of an isolate killed before its next event, as asked. */
    public static final String KILLED = "killed";
    /** The reason of an isolate whose code called {@code System.exit(n)}; {@link #exitCode()} is n. */
    public static final String SYSTEM_EXIT = "System.exit";
    /** The reason of a JVM that ended without a result and without running shutdown hooks. */
    public static final String RUNTIME_HALT = "Runtime.halt";
    /** The reason of an isolate whose heap ran out (exit code 3). */
    public static final String OUT_OF_MEMORY = "OutOfMemoryError";
    /** The reason of an isolate whose stack overflowed. */
    public static final String STACK_OVERFLOW = "StackOverflowError";
    /** The reason of an isolate killed from outside with {@code kill -9} or by the kernel's out-of-memory killer. */
    public static final String SIGKILL = "SIGKILL";
    /** The reason of an isolate that could not even say why it ends, for want of room on the session's file system. */
    public static final String DISK_FULL = "disk full";
}
