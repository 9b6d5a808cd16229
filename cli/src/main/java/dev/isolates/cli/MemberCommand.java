package dev.isolates.cli;

import dev.isolates.IsolateOptions;
import dev.isolates.cluster.ClusterMember;
import dev.isolates.cluster.ClusterMemberOptions;
import dev.isolates.cluster.ClusterPool;
import java.io.File;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code isolatectl member}: this JVM joins a cluster as a {@link ClusterMember} and runs the tasks of
 * {@code ClusterPool}s and of {@code isolatectl json --cluster} in isolates of its own until SIGTERM or
 * SIGINT; then it stops claiming, finishes (or hands back) the tasks it holds, leaves and exits 0.
 */
@Command(name = "member",
        mixinStandardHelpOptions = true,
        description = {"Joins a cluster of supervisors and runs its tasks in isolates until stopped.",
                "Prints one line when it has joined. On SIGTERM or Ctrl-C it stops taking",
                "tasks, finishes those it holds (or hands them back to the cluster after the",
                "drain time), leaves and exits 0. Tasks' classes must load here: the",
                "isolatectl jars (for json --cluster) and --classpath. Open --port to the",
                "other members and to the machines that submit."},
        footer = {"", "Examples:",
                "  isolatectl member --port 5701",
                "  isolatectl member --port 5702 --join 127.0.0.1:5701 --workers 1",
                "", "Exit codes: 0 left the cluster after a stop signal, 2 usage (a bad address,",
                "a port in use, a missing classpath entry), 5 could not start."})
final class MemberCommand implements Callable<Integer>, UsesConsole {
    @Option(names = "--port", required = true, paramLabel = "PORT", description = "The TCP port to listen on; it must be free.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", description = "The address to bind to and announce (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--join", split = ",", paramLabel = "HOST:PORT", description = "Other members to join; none for the first.")
    List<String> join = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "Isolates running tasks at once (default: the number of CPUs).")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars and folders of task classes, separated by '${sys:path.separator}'.")
    String classpath;

    @Option(names = "--max-heap", paramLabel = "SIZE", converter = HeapSizeConverter.class, description = "Each isolate's maximum heap, e.g. 256m or 2g.")
    String maxHeap;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The cluster's name; pools must use the same (default: ${DEFAULT-VALUE}).")
    String clusterName = ClusterPool.DEFAULT_CLUSTER_NAME;

    @Mixin
    Verbosity verbosity;

    private Console console = Console.system();

    @Override
    public void use(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!console.inProcess()) {
            // it would take over the signals and the lifetime of the JVM that serves other commands
            console.err().println("isolatectl member: a member runs in a JVM of its own, never in the daemon: give --no-daemon");
            return Outcomes.USAGE;
        }
        ClusterMemberOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            console.err().println("isolatectl member: " + e.getMessage());
            return Outcomes.USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // Handled here rather than in a shutdown hook: the JVM does not begin to exit, so the member's
        // isolates keep running while it finishes what it holds, and it can exit with 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        ClusterMember member;
        HazelcastLogLevel.silent(verbosity.verbose); // a failed start is said below in one line
        try {
            member = ClusterMember.start(options);
        } catch (RuntimeException e) {
            return cannotStart(e, options);
        }
        HazelcastLogLevel.warnings();
        console.out().println("isolatectl member " + member.name() + " joined cluster " + options.clusterName()
                + " (" + member.clusterSize() + " member" + (member.clusterSize() == 1 ? "" : "s") + ")");
        console.out().flush();
        try {
            stop.await();
        } finally {
            member.close();
        }
        return Outcomes.OK;
    }

    private ClusterMemberOptions options() {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
        }
        IsolateOptions.Builder isolate = IsolateOptions.builder().debugName("member");
        if (maxHeap != null) {
            isolate.maxHeap(maxHeap);
        }
        return ClusterMemberOptions.builder().host(host).port(port).workers(workers).clusterName(clusterName)
                .join(ClusterAddresses.check("--join", join)).classpath(classpath())
                .isolateOptions(isolate.build()).build();
    }

    private List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        if (classpath == null) {
            return entries;
        }
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = console.resolve(Path.of(entry));
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--classpath entry " + entry + ": no such file or folder");
            }
            entries.add(p);
        }
        return entries;
    }

    private int cannotStart(RuntimeException e, ClusterMemberOptions options) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                console.err().println("isolatectl member: cannot listen on " + options.host() + ":" + options.port()
                        + " (" + t.getMessage() + "): the port is in use or the address is not this machine's;"
                        + " give another --port or --host");
                return Outcomes.USAGE;
            }
        }
        console.err().println("isolatectl member: could not start: " + e.getMessage());
        return Outcomes.NOT_STARTED;
    }
}
