package dev.isolates.cli;

import dev.isolates.IsolateCrashedException;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.supervisor.RunCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isolatectl run}: one class in a fresh, crash-isolated JVM. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Runs CLASS in a fresh isolate (its own JVM) and prints its result.",
                "CLASS implements dev.isolates.IsolateTask (its result is printed as JSON)",
                "or has public static void main(String[]) (its output passes through and",
                "its exit code becomes ours). Classes from --classpath load only in the",
                "isolate, never in isolatectl's own JVM."},
        // Example lines stay within the 80 columns picocli wraps at, so that each one pastes as is.
        footer = {"", "Examples:",
                "  isolatectl run --classpath report.jar com.example.Report 2024",
                "  isolatectl run --max-heap 256m --timeout 30s \\",
                "      --classpath app.jar com.example.Main --fast",
                "", "Exit codes: 0 ok, 1 the task failed, 2 usage, 3 the isolate crashed, 4 timeout,",
                "5 the isolate could not start; a main class's own exit code passes through."})
final class RunCommand implements Callable<Integer>, UsesConsole {
    private static final Duration KIND_WAIT = Duration.ofSeconds(1);

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars and folders for the isolate, separated by '${sys:path.separator}'.")
    String classpath;

    @Option(names = "--max-heap", paramLabel = "SIZE", converter = HeapSizeConverter.class, description = "The isolate's maximum heap, e.g. 256m or 2g.")
    String maxHeap;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Kill the isolate after this long, e.g. 30s or 2m (exit code 4).")
    Duration timeout;

    @Option(names = "--jvm-arg", paramLabel = "ARG", description = "An extra JVM argument for the isolate; repeatable.")
    List<String> jvmArgs = new ArrayList<>();

    @Mixin
    Verbosity verbosity;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    DaemonChoice daemon;

    private Console console = Console.system();

    @Parameters(index = "0", paramLabel = "CLASS", description = "The class to run.")
    String className;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for the class.")
    List<String> args = new ArrayList<>();

    @Override
    public void use(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> noSandbox = sandbox.problem();
        if (noSandbox.isPresent()) {
            console.err().println("isolatectl run: " + noSandbox.get());
            return Outcomes.NOT_STARTED;
        }
        IsolateOptions options;
        try {
            options = Plugins.options(console, className, classpath, maxHeap, jvmArgs, timeout, sandbox.sandbox(console));
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl run: " + e.getMessage());
            return Outcomes.USAGE;
        }
        try (ReceivePort kind = new ReceivePort("isolatectl run")) {
            try {
                String json = resultOf(start(options, kind));
                if (json != null) {
                    console.out().println(json);
                }
                console.out().flush();
                return Outcomes.OK;
            } catch (ExecutionException e) {
                Throwable cause = Outcomes.unwrap(e);
                if (cause instanceof IsolateCrashedException c && IsolateExit.SYSTEM_EXIT.equals(c.reason())
                        && isMain(kind)) {
                    return c.exitCode(); // the program chose its exit code
                }
                console.err().println("isolatectl run: " + Outcomes.describe(cause, verbosity.verbose));
                return Outcomes.exitCode(cause);
            }
        }
    }

    /**
     * The run, in a prestarted sandboxed isolate of the daemon when one is ready and fits, else in
     * an isolate started for it. Either way the isolate is fresh and serves this command alone.
     */
    private CompletableFuture<String> start(IsolateOptions options, ReceivePort kind) {
        List<String> arguments = List.copyOf(args);
        if (!console.inProcess()) {
            CompletableFuture<String> run = RunCall.startPrestarted(options,
                    late -> new PluginRun(className, arguments, kind.sendPort(), late));
            if (run != null) {
                return run;
            }
        }
        return Isolates.run(new PluginRun(className, arguments, kind.sendPort(), List.of()), options);
    }

    /** The run's result; an interrupted wait (a cancelled command) cancels the run, which kills its isolate. */
    private static String resultOf(CompletableFuture<String> run) throws InterruptedException, ExecutionException {
        try {
            return run.get();
        } catch (InterruptedException e) {
            run.cancel(true);
            throw e;
        }
    }

    /**
     * Whether the isolate said it runs a main class. A task has no exit code of its own: its
     * System.exit, even in a static initializer, is a crash. The isolate says which before any
     * plugin code runs, and the supervisor reads that before it sees the isolate end.
     */
    private static boolean isMain(ReceivePort kind) throws InterruptedException {
        try {
            return PluginRun.MAIN.equals(kind.receive(KIND_WAIT));
        } catch (TimeoutException e) {
            return true; // not said: keep the exit code, as a main's
        }
    }
}
