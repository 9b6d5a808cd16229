package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.ExitNotice;
import dev.isolates.protocol.ExitReason;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.SessionDirectory;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Names why an isolate's JVM ended, from its exit code, its last notice and its last stderr lines. */
final class ExitClassifier {
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
        String reason = notice != null ? notice.reason() : reasonWithoutNotice(exitCode, signal, orderly, stderr);
        return new IsolateExit(exitCode, signal, reason);
    }

    /** Names the end of a JVM that sent no notice, from what it left: its exit code, signal and stderr. */
    private static String reasonWithoutNotice(int exitCode, OptionalInt signal, boolean orderly, List<String> stderr) {
        String text = String.join("\n", stderr);
        if (text.contains("java.lang.OutOfMemoryError")) {
            // -XX:+ExitOnOutOfMemoryError exits with 3 and says so on stdout, where WorkerStdout takes the
            // line for the tail. Exit code 3 alone is no proof: Runtime.halt(3) ends with it too.
            return ExitReason.OUT_OF_MEMORY.text();
        } else if (text.contains("A fatal error has been detected by the Java Runtime Environment")) {
            return ExitReason.JVM_CRASH.text(crashSignal(text));
        } else if (endedWithMark(ExitReason.DISK_FULL, exitCode, text)) {
            return ExitReason.DISK_FULL.text();
        } else if (signal.isPresent()) {
            return ExitReason.SIGNAL.text(SIGNALS.getOrDefault(signal.getAsInt(), "signal " + signal.getAsInt()));
        } else if (exitCode == ExitReason.SUPERVISOR_GONE.code() && orderly) {
            // a live supervisor sees this only after it let the isolate go; otherwise the code's own halt(97)
            return ExitReason.SUPERVISOR_GONE.text();
        } else if (endedWithMark(ExitReason.BOOTSTRAP_FAILED, exitCode, text)) {
            return ExitReason.BOOTSTRAP_FAILED.text();
        } else if (orderly && exitCode == 0) {
            return ExitReason.COMPLETED.text();
        }
        return ExitReason.RUNTIME_HALT.text();
    }

    /** Whether the worker exited with {@code reason}'s code after writing its mark: user code exiting with the code is not it. */
    private static boolean endedWithMark(ExitReason reason, int exitCode, String stderr) {
        return exitCode == reason.code() && stderr.contains(reason.stderrMark());
    }

    /** The end of an isolate the supervisor killed because it could not read what it sent. */
    static IsolateExit unreadable(int exitCode) {
        return new IsolateExit(exitCode, signalOf(exitCode), ExitReason.UNREADABLE_BY_SUPERVISOR.text());
    }

    private static OptionalInt signalOf(int exitCode) {
        return exitCode > 128 && exitCode < 128 + 65 ? OptionalInt.of(exitCode - 128) : OptionalInt.empty();
    }

    /** The signal an hs_err report names, or empty. */
    private static String crashSignal(String text) {
        for (String s : SIGNALS.values()) {
            if (text.contains("#  " + s)) {
                return s;
            }
        }
        return "";
    }

    /** True for the ways a healthy isolate ends. */
    static boolean isNormal(String reason) {
        return ExitReason.ofText(reason).map(ExitReason::isNormal).orElse(false);
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
        return advice(ExitReason.UNREADABLE_BY_SUPERVISOR, ExitReason.UNREADABLE_BY_SUPERVISOR.text(), 0);
    }

    /** What the caller can do about {@code reason} (an {@link dev.isolates.IsolateExit#reason()}), in one sentence. */
    static String advice(String reason, int exitCode) {
        return ExitReason.ofText(reason).map(r -> advice(r, reason, exitCode)).orElse("");
    }

    private static String advice(ExitReason reason, String text, int exitCode) {
        return switch (reason) {
            case OUT_OF_MEMORY -> "Raise its heap with IsolateOptions.builder().maxHeap(...), or make it use less.";
            case STACK_OVERFLOW -> "Bound the recursion, or give it a deeper stack with jvmArgs(\"-Xss16m\").";
            case SYSTEM_EXIT -> "The code called System.exit(" + exitCode + "); return a value or throw instead.";
            case RUNTIME_HALT -> "The JVM ended without a result and without running shutdown hooks "
                    + "(Runtime.halt, or native code that exited).";
            case SIGNAL -> text.equals("SIGKILL")
                    ? "Something outside killed it (kill -9, or the kernel's out-of-memory killer)." : "";
            case SUPERVISOR_GONE -> "Its supervisor was gone.";
            case UNREADABLE_BY_SUPERVISOR -> "The supervisor could not read a message it sent and ended it; send less "
                    + "at once (or raise the supervisor's heap), and nest messages less than " + KryoCodec.MAX_DEPTH
                    + " deep.";
            case DISK_FULL -> "It could not write to its session directory, whose file system is full (the line \""
                    + ExitReason.DISK_FULL.stderrMark().trim() + "\" below names the file): free some space there, "
                    + "or point the sessions at a larger file system with -D" + SessionDirectory.BASE_PROPERTY + "=DIR.";
            case JVM_CRASH -> "The JVM itself crashed (native code, Unsafe); its hs_err_pid file has the details.";
            case COMPLETED, ISOLATE_EXIT, KILLED, UNCAUGHT_ERROR, FATAL_ERROR, UNREADABLE_BY_WORKER, BOOTSTRAP_FAILED -> "";
        };
    }
}
