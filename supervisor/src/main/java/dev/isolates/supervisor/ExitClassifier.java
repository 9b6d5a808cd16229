package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.bootstrap.WorkerExitCodes;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.SessionDirectory;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Names why an isolate's JVM ended, from its exit code, its last notice and its last stderr lines. */
final class ExitClassifier {
    static final String COMPLETED = "completed";
    /** The reason of an isolate the supervisor ended because it could not read what the isolate sent. */
    static final String UNREADABLE = "unreadable message";
    static final String DISK_FULL = "disk full";
    private static final Map<Integer, String> SIGNALS = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private ExitClassifier() {
    }

    /**
     * @param exitCode  the process's exit value
     * @param notice    the worker's last notice, or null
     * @param orderly   true when the supervisor asked it to end
     * @param stderr    its last stderr lines
     */
    static IsolateExit classify(int exitCode, ExitNotice notice, boolean orderly, List<String> stderr) {
        OptionalInt signal = signalOf(exitCode);
        String text = String.join("\n", stderr);
        String reason;
        if (notice != null) {
            reason = notice.reason();
        } else if (text.contains("java.lang.OutOfMemoryError")) {
            // -XX:+ExitOnOutOfMemoryError exits with 3 and says so on stdout, where WorkerStdout takes the
            // line for the tail. Exit code 3 alone is no proof: Runtime.halt(3) ends with it too.
            reason = "OutOfMemoryError";
        } else if (text.contains("A fatal error has been detected by the Java Runtime Environment")) {
            reason = "JVM crash" + crashSignal(text);
        } else if (exitCode == WorkerExitCodes.DISK_FULL && text.contains(WorkerExitCodes.DISK_FULL_MARK)) {
            reason = DISK_FULL;
        } else if (signal.isPresent()) {
            reason = SIGNALS.getOrDefault(signal.getAsInt(), "signal " + signal.getAsInt());
        } else if (exitCode == WorkerExitCodes.SUPERVISOR_GONE && orderly) {
            // a live supervisor sees this only after it let the isolate go; otherwise the code's own halt(97)
            reason = "supervisor gone";
        } else if (exitCode == WorkerExitCodes.BOOTSTRAP_FAILED && text.contains(WorkerExitCodes.BOOTSTRAP_FAILED_MARK)) {
            reason = "worker bootstrap failed";
        } else if (orderly && exitCode == 0) {
            reason = COMPLETED;
        } else {
            reason = "Runtime.halt";
        }
        return new IsolateExit(exitCode, signal, reason);
    }

    /** The end of an isolate the supervisor killed because it could not read what it sent. */
    static IsolateExit unreadable(int exitCode) {
        return new IsolateExit(exitCode, signalOf(exitCode), UNREADABLE);
    }

    private static OptionalInt signalOf(int exitCode) {
        return exitCode > 128 && exitCode < 128 + 65 ? OptionalInt.of(exitCode - 128) : OptionalInt.empty();
    }

    private static String crashSignal(String text) {
        for (String s : SIGNALS.values()) {
            if (text.contains("#  " + s)) {
                return " (" + s + ")";
            }
        }
        return "";
    }

    /** True for the ways a healthy isolate ends. */
    static boolean isNormal(String reason) {
        return COMPLETED.equals(reason) || "Isolate.exit".equals(reason) || "killed".equals(reason);
    }

    /**
     * What to do about an isolate the supervisor ended because reading what it sent met
     * {@code failure}; {@code directory} is the isolate's folder.
     */
    static String unreadableAdvice(Throwable failure, java.nio.file.Path directory) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InternalError && String.valueOf(t.getMessage()).contains("unsafe memory access")) {
                return "A page of a file it shares with the supervisor, under " + directory + ", could not be read: "
                        + "something cut the file short or removed it, or its file system lost the room it had. Keep "
                        + "other programs away from the session directory, or point the sessions at another file system "
                        + "with -D" + SessionDirectory.BASE_PROPERTY + "=DIR.";
            }
        }
        return advice(UNREADABLE, 0);
    }

    /** What the caller can do about {@code reason}, in one sentence. */
    static String advice(String reason, int exitCode) {
        return switch (reason) {
            case "OutOfMemoryError" -> "Raise its heap with IsolateOptions.builder().maxHeap(...), or make it use less.";
            case "StackOverflowError" -> "Bound the recursion, or give it a deeper stack with jvmArgs(\"-Xss16m\").";
            case "System.exit" -> "The code called System.exit(" + exitCode + "); return a value or throw instead.";
            case "Runtime.halt" -> "The JVM ended without a result and without running shutdown hooks "
                    + "(Runtime.halt, or native code that exited).";
            case "SIGKILL" -> "Something outside killed it (kill -9, or the kernel's out-of-memory killer).";
            case "supervisor gone" -> "Its supervisor was gone.";
            case UNREADABLE -> "The supervisor could not read a message it sent and ended it; send less at once "
                    + "(or raise the supervisor's heap), and nest messages less than " + KryoCodec.MAX_DEPTH + " deep.";
            case DISK_FULL -> "It could not write to its session directory, whose file system is full (the line \""
                    + WorkerExitCodes.DISK_FULL_MARK.trim() + "\" below names the file): free some space there, or point "
                    + "the sessions at a larger file system with -D" + SessionDirectory.BASE_PROPERTY + "=DIR.";
            default -> reason.startsWith("JVM crash")
                    ? "The JVM itself crashed (native code, Unsafe); its hs_err_pid file has the details."
                    : "";
        };
    }
}
