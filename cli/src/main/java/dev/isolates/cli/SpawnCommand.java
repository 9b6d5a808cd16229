package dev.isolates.cli;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.RemoteException;
import dev.isolates.RestartPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isolatectl spawn}: long-running isolates of a message handler, fed from stdin. */
@Command(name = "spawn",
        mixinStandardHelpOptions = true,
        description = {"Feeds stdin, one message per line, to long-running isolates of a handler.",
                "CLASS implements dev.isolates.MessageHandler; one reply per line goes to",
                "stdout, in input order. A failed message gives {\"error\": ..., \"line\": N}",
                "and the run goes on. Memory stays flat however long the input is.",
                "Classes from --classpath load only in the isolates."},
        // Example lines stay within the 80 columns picocli wraps at, so that each one pastes as is.
        footer = {"", "Examples:",
                "  cat urls.txt | isolatectl spawn --classpath fetch.jar --workers 4 \\",
                "      com.example.Fetch",
                "  isolatectl spawn --classpath plugin.jar --timeout 5s --retries 1 \\",
                "      --restart on-failure com.example.Score < in.txt",
                "", "Exit codes: 0 every message handled, 1 a message failed, 2 usage,", "5 the isolates could not start."})
final class SpawnCommand implements Callable<Integer>, UsesConsole {
    private static final long DEFAULT_MAX_LINE = 64L << 20;
    private static final long MAX_MAX_LINE = 1L << 30;

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars and folders for the isolates, separated by '${sys:path.separator}'.")
    String classpath;

    @Option(names = "--workers", paramLabel = "N", description = "Isolates handling messages at once (default 1).")
    int workers = 1;

    @Option(names = "--restart", paramLabel = "POLICY", converter = PolicyConverter.class,
            description = "When a dead isolate is replaced: always (default), on-failure, never.")
    RestartPolicy restart = RestartPolicy.ALWAYS;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Kill and replace an isolate whose message takes longer, e.g. 5s; the message fails.")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Handle a message again this often if its isolate dies under it (default 0).")
    int retries;

    @Option(names = "--max-line", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "The longest input line, in bytes, e.g. 1m (default 64m); a longer one stops the input.")
    long maxLine = DEFAULT_MAX_LINE;

    @Mixin
    Verbosity verbosity;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    DaemonChoice daemon;

    private Console console = Console.system();

    @Parameters(index = "0", paramLabel = "CLASS", description = "The MessageHandler class.")
    String className;

    @Override
    public void use(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (workers < 1 || retries < 0) {
            console.err().println("isolatectl spawn: --workers must be at least 1 and --retries at least 0");
            return Outcomes.USAGE;
        }
        if (maxLine > MAX_MAX_LINE) {
            console.err().println("isolatectl spawn: --max-line must be at most 1g, was " + ByteSizeConverter.describe(maxLine));
            return Outcomes.USAGE;
        }
        Optional<String> noSandbox = sandbox.problem();
        if (noSandbox.isPresent()) {
            console.err().println("isolatectl spawn: " + noSandbox.get());
            return Outcomes.NOT_STARTED;
        }
        IsolateOptions options;
        try {
            options = Plugins.options(console, className, classpath, null, java.util.List.of(), null, sandbox.sandbox(console));
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl spawn: " + e.getMessage());
            return Outcomes.USAGE;
        }
        IsolatePool.Builder builder = IsolatePool.builder().size(workers).options(options).restart(restart)
                .retries(retries).maxRestarts(100, Duration.ofMinutes(1))
                .prefetch(true); // lines are small and many: each isolate starts the next without a round trip
        if (timeout != null) {
            builder.taskTimeout(timeout);
        }
        PrintStream out = console.lineOutput();
        long[] counts = new long[2]; // handled, failed
        boolean inputFailed = false;
        long started = System.nanoTime();
        Progress progress = new Progress(console, "messages", 0, verbosity.quiet);
        try (IsolatePool pool = builder.build()) {
            try {
                pool.submit(new HandlerCheck(className)).get(120, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = Outcomes.unwrap(e);
                console.err().println("isolatectl spawn: " + Outcomes.describe(cause, verbosity.verbose));
                return cause instanceof TimeoutException ? Outcomes.NOT_STARTED : Outcomes.exitCode(cause);
            }
            OrderedOutput<Long, String> replies = new OrderedOutput<>(256 * workers, (line, reply, failure) -> {
                counts[0]++;
                if (failure != null) {
                    counts[1]++;
                    out.println(errorLine(line, failure, verbosity.verbose));
                } else {
                    out.println(reply);
                }
                progress.update(counts[0], 0);
            }, out::flush);
            InputLines in = new InputLines(console.in(), (int) maxLine);
            String line;
            try {
                while ((line = in.next()) != null) {
                    replies.add(in.number(), pool.submit(new HandleLine(className, line)));
                }
            } catch (InputLines.TooLong e) {
                console.err().println("isolatectl spawn: line " + e.lineNumber() + " of standard input is longer than "
                        + ByteSizeConverter.describe(e.maxBytes()) + " (--max-line); stopped reading there;"
                        + " the replies to the lines before follow");
                inputFailed = true;
            } catch (IOException e) {
                console.err().println("isolatectl spawn: could not read standard input after line " + in.number() + ": "
                        + e.getMessage() + "; the replies to the lines before follow");
                inputFailed = true;
            } finally {
                replies.finish(); // every line read gets its reply
            }
            progress.finish();
            out.flush();
            if (!verbosity.quiet) {
                double seconds = (System.nanoTime() - started) / 1e9;
                long replaced = pool.stats().restarts();
                console.err().printf(Locale.ROOT, "isolatectl spawn: %d message%s in %.1f s, %d failed, %d isolate%s replaced%n",
                        counts[0], counts[0] == 1 ? "" : "s", seconds, counts[1], replaced, replaced == 1 ? "" : "s");
            }
        }
        return counts[1] == 0 && !inputFailed ? Outcomes.OK : Outcomes.FAILED;
    }

    private String errorLine(long line, Throwable failure, boolean verbose) {
        String why;
        if (failure instanceof IsolateCrashedException c) {
            why = "the isolate died: " + c.reason() + " (exit code " + c.exitCode() + ")";
        } else if (failure instanceof IsolateTimeoutException t) {
            why = "timed out after " + t.timeout().toMillis() + " ms; the isolate was replaced";
        } else if (failure instanceof RemoteException r && Outcomes.isOwn(r)) {
            why = r.getMessage();
        } else if (failure instanceof RemoteException r) {
            why = r.remoteClassName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
            if (verbose) {
                console.err().println("line " + line + ": " + r.remoteStackTrace());
            }
        } else {
            why = Outcomes.describe(failure, false).split("\n", 2)[0];
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", why);
        error.put("line", line);
        return Json.write(error);
    }

    /** Reads restart policies as written on the command line: always, on-failure, never. */
    static final class PolicyConverter implements CommandLine.ITypeConverter<RestartPolicy> {
        @Override
        public RestartPolicy convert(String value) {
            try {
                return RestartPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a restart policy: use always, "
                        + "on-failure or never");
            }
        }
    }
}
