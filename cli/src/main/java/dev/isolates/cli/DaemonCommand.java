package dev.isolates.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code isolatectl daemon start|status|stop}. The daemon's client answers these itself; this command
 * only runs when the daemon is turned off, and says so.
 */
@Command(name = "daemon",
        mixinStandardHelpOptions = true,
        description = {"Shows or stops the background supervisor (the daemon) that runs the commands",
                "of this user, build and JDK, keeping the json isolates warm between them.",
                "A command that finds no daemon runs in-process and starts one as it ends, so the",
                "next command finds it warm.",
                "  start   starts it now, unless one runs, and waits until it answers",
                "  status  its pid, uptime, build, JDK, isolates, commands served and log file",
                "  stop    stops it; the next command starts a new one",
                "Turn it off with --no-daemon on a command, or ISOLATECTL_DAEMON=off."},
        footer = {"", "Examples:", "  isolatectl daemon start", "  isolatectl daemon status", "  isolatectl daemon stop",
                "", "Exit codes: 0 ok, 1 no daemon runs (status), 2 usage."})
final class DaemonCommand implements Callable<Integer>, UsesConsole {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, status or stop")
    String action;

    private Console console = Console.system();

    @Override
    public void use(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!action.equals("start") && !action.equals("status") && !action.equals("stop")) {
            console.err().println("isolatectl daemon: ACTION must be start, status or stop, was " + action);
            return Outcomes.USAGE;
        }
        console.err().println("isolatectl daemon: the daemon is turned off here (--no-daemon or ISOLATECTL_DAEMON=off);"
                + " run 'isolatectl daemon " + action + "' without them");
        return Outcomes.USAGE;
    }
}
