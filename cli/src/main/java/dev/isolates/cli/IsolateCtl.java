package dev.isolates.cli;

import dev.isolates.Isolates;
import dev.isolates.cli.daemon.DaemonLaunch;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code isolatectl} command line. Exit codes: 0 all ok; 1 a task, message or file failed;
 * 2 usage; 3 an isolate crashed; 4 timeout; 5 an isolate could not start.
 */
@Command(name = "isolatectl",
        mixinStandardHelpOptions = true,
        versionProvider = IsolateCtl.Version.class,
        description = {"Runs Java code in isolates: each isolate is its own JVM process, so a crash, an",
                "exhausted heap or a System.exit there never takes this process down."},
        footer = {"", "Embed the library in your own program:",
                "  java $(isolatectl jvm-options) -cp \"$(isolatectl classpath):app.jar\" App",
                "", "Exit codes: 0 ok, 1 a task failed, 2 usage, 3 isolate crashed, 4 timeout,", "5 could not start."})
public final class IsolateCtl implements Callable<Integer> {
    /** The usage error exit code. */
    static final int USAGE = 2;
    /** The subcommands by name, in the order the usage help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = byName(RunCommand.class, SpawnCommand.class,
            JsonCommand.class, MemberCommand.class, DaemonCommand.class, ClasspathCommand.class,
            JvmOptionsCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);
    /** Subcommands that read the whole command tree: they get every subcommand. */
    private static final Set<String> READ_THE_TREE = Set.of("help", "completion");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DaemonChoice daemon;

    public static void main(String[] args) {
        Isolates.disableNativePosix(); // as every isolate does: 70 ms off the start
        for (String a : args) {
            if (a.equals("-v") || a.equals("--verbose")) {
                System.setProperty("isolates.log.level", "DEBUG"); // read when Logback starts, below
            }
        }
        FreshJsonPools jsonPools = new FreshJsonPools();
        int code = execute(Console.system(jsonPools), args);
        System.out.flush();
        DaemonLaunch.startAfterCommand(jsonPools.largest());
        System.exit(code);
    }

    /** Runs the command line on this process's streams and folder and returns its exit code. */
    public static int execute(String... args) {
        return execute(Console.system(), args);
    }

    /**
     * Runs the command line on {@code console} and returns its exit code. Safe to call from several
     * threads at once, each with its own console.
     */
    public static int execute(Console console, String... args) {
        CommandLine cli = commandLine(args);
        if (!console.inProcess()) {
            cli.setOut(new PrintWriter(console.out(), true));
            cli.setErr(new PrintWriter(console.err(), true));
        }
        give(cli, console);
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("isolatectl: " + ex.getMessage());
            err.println("Try 'isolatectl " + (ex.getCommandLine() == cli ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help' for how to use it.");
            return USAGE;
        });
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(parsed -> {
            int code = runLast.execute(parsed);
            ArchiveMarker.markIfWorked(parsed, code);
            return code;
        });
        return cli.execute(args);
    }

    /**
     * Parses typical command lines {@code times} times without running them, so that the code every
     * command goes through first (picocli reading the commands' annotations) is compiled before a
     * daemon's first commands need it. Nothing is read or written.
     */
    public static void warmUp(int times) {
        String[][] lines = {{"run", "--classpath", "plugin.jar", "com.example.Task", "arg"},
                {"json", "--workers", "2", "batch"}, {"spawn", "--classpath", "plugin.jar", "com.example.Handler"},
                {"daemon", "status"}};
        for (int i = 0; i < times; i++) {
            for (String[] line : lines) {
                commandLine(line).parseArgs(line);
            }
        }
    }

    /**
     * The command line for {@code args}. Reading a command's annotations is most of what parsing
     * costs, so a line that names a subcommand gets that one alone (a seventh of the work); a line
     * that names none, or help, or one that does not exist, gets them all, for the usage help and
     * the "did you mean" of a typo.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new IsolateCtl());
        String named = subcommandName(args);
        SUBCOMMANDS.forEach((name, sub) -> {
            if (named == null || name.equals(named)) {
                cli.addSubcommand(name, sub);
            }
        });
        return cli;
    }

    /** The subcommand {@code args} names, if one exists that needs no others; else null. */
    private static String subcommandName(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) { // the top level's own options are flags: the first word names the subcommand
                return SUBCOMMANDS.containsKey(arg) && !READ_THE_TREE.contains(arg) ? arg : null;
            }
        }
        return null;
    }

    private static Map<String, Class<?>> byName(Class<?>... commands) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> c : commands) {
            byName.put(c.getAnnotation(Command.class).name(), c);
        }
        return Collections.unmodifiableMap(byName);
    }

    private static void give(CommandLine cli, Console console) {
        if (cli.getCommand() instanceof UsesConsole c) {
            c.use(console);
        }
        for (CommandLine sub : cli.getSubcommands().values()) {
            give(sub, console);
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IsolateCtl.class.getPackage().getImplementationVersion();
            return new String[] {"isolatectl " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")"};
        }
    }

    static String jvmOptions() {
        return String.join(" ", Isolates.jvmOptions());
    }
}
