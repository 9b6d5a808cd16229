package dev.isolates.cli;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateStartException;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.RemoteException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failure reads on stderr and which exit code it gives: plain words, no bare stack trace. */
final class Outcomes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CRASHED = 3;
    static final int TIMEOUT = 4;
    static final int NOT_STARTED = 5;
    private static final int TAIL_LINES = 10;

    private Outcomes() {
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static int exitCode(Throwable t) {
        if (t instanceof IsolateCrashedException) {
            return CRASHED;
        }
        if (t instanceof IsolateTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof IsolateStartException) {
            return NOT_STARTED;
        }
        if (t instanceof RemoteException r && r.remoteClassName().equals(PluginClassException.class.getName())) {
            return USAGE;
        }
        return FAILED;
    }

    /** One short paragraph for a person; with {@code verbose}, the remote stack too. */
    static String describe(Throwable t, boolean verbose) {
        if (t instanceof IsolateCrashedException c) {
            StringBuilder sb = new StringBuilder();
            sb.append("isolate \"").append(c.debugName()).append("\" (pid ").append(c.pid()).append(") died: ")
                    .append(c.reason()).append(" (exit code ").append(c.exitCode());
            c.signal().ifPresent(s -> sb.append(", signal ").append(s));
            sb.append(").");
            String[] message = c.getMessage().split("\\)\\. ", 2);
            if (message.length == 2) {
                String advice = message[1].split(" Last lines it wrote:", 2)[0].trim();
                if (!advice.isEmpty()) {
                    sb.append(' ').append(advice.replace("IsolateOptions.builder().maxHeap(...)", "--max-heap")
                            .replace("jvmArgs(\"-Xss16m\")", "--jvm-arg -Xss16m"));
                }
            }
            appendTail(sb, c.stderrTail());
            return sb.toString();
        }
        if (t instanceof IsolateTimeoutException) {
            return t.getMessage().replace("IsolateOptions.builder().timeout(...)", "--timeout");
        }
        if (t instanceof IsolateStartException s) {
            // Its JVM's own words have passed through to stderr already, as every isolate's stderr does.
            String[] message = s.getMessage().split(" It wrote:\n", 2);
            return message.length == 2 ? message[0] + " What it wrote is above." : message[0];
        }
        if (t instanceof RemoteException r) {
            if (isOwn(r)) {
                return r.getMessage();
            }
            String text = "the task failed: " + r.remoteClassName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
            return verbose ? text + "\n" + r.remoteStackTrace()
                    : text + "\n(run with --verbose for the isolate's stack trace)";
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** Whether {@code r} is the command line's own word on the plugin, which needs no class name or stack. */
    static boolean isOwn(RemoteException r) {
        return r.remoteClassName().equals(PluginClassException.class.getName())
                || r.remoteClassName().equals(UnwritableResultException.class.getName());
    }

    private static void appendTail(StringBuilder sb, String tail) {
        if (tail == null || tail.isBlank()) {
            return;
        }
        List<String> lines = List.of(tail.split("\n"));
        sb.append("\nLast lines it wrote:");
        for (String line : lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())) {
            sb.append("\n  ").append(line);
        }
    }
}
