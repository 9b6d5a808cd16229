package dev.isolates.launcher;

import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.bootstrap.WorkerMain;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command that starts an isolate's JVM: the supervisor's own {@code java}, the flags for the
 * running JDK, the options' heap and JVM arguments, and the supervisor's classpath followed by the
 * options' classpath.
 */
public final class WorkerCommandLine {
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

    /** Flags every isolate gets, before the caller's own so that those win. */
    static final List<String> ISOLATE_FLAGS = List.of(
            // an isolate out of heap dies; the line the JVM prints on its stdout, which WorkerStdout
            // keeps for the crash report, tells it from Runtime.halt(3)
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData",            // no hsperfdata file per isolate, a faster start
            "-XX:+UseSerialGC",            // fewer GC threads on a 2-core machine, a faster start
            // no thread per isolate polling the disk every 10 s: its queues' room is checked before they open
            "-Dchronicle.disk.monitor.disable=true",
            // the library depends on no logging backend: an isolate without one stays silent
            JdkFlags.SLF4J_WARNINGS_OFF);

    /** JNA's search path for system libraries; see {@link #inheritedProperties()}. */
    static final String JNA_SEARCH_PATH = "jna.platform.library.path";

    private WorkerCommandLine() {
    }

    /** The full command for {@code spec}, its arguments telling the worker where its channel is. */
    public static List<String> of(WorkerSpec spec, WorkerArguments arguments) {
        return of(spec, arguments, ArchivePlan.none());
    }

    /**
     * As {@link #of(WorkerSpec, WorkerArguments)}, using or making the archive of classes as {@code archive}
     * says. A JVM crash report goes into the session directory, the isolate folder's parent (which
     * outlives the isolate's own folder), unless the isolate's JVM arguments put it elsewhere.
     */
    public static List<String> of(WorkerSpec spec, WorkerArguments arguments, ArchivePlan archive) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        // a sandboxed JVM sees neither the session directory nor its own pid as the supervisor does: its
        // report stays in its private /tmp, and the banner it prints on stdout is what the supervisor keeps
        cmd.add(CrashReport.errorFileFlag(spec.sandbox().enabled() ? Path.of("/tmp")
                : arguments.isolateDir().toAbsolutePath().getParent()));
        cmd.addAll(inheritedProperties());
        cmd.addAll(jvmFlags(spec));
        cmd.addAll(archive.flags());
        cmd.add("-cp");
        cmd.add(classpath(spec.classpath()));
        cmd.add(WorkerMain.class.getName());
        cmd.add(arguments.debugName()); // for the process list only: WorkerMain reads its arguments from stdin
        return cmd;
    }

    /**
     * System properties an isolate takes from this JVM, before its options' JVM arguments (which win)
     * and outside the flags its archive of classes is keyed by. {@value #JNA_SEARCH_PATH}: the system
     * library folders JNA found here by running {@code /sbin/ldconfig -p}, which it sets once found.
     * JNA loads in every isolate (Chronicle Queue's start-up asks the thread-affinity library, which
     * loads the C library through it); given the folders, it runs no {@code ldconfig} of its own.
     */
    static List<String> inheritedProperties() {
        String jnaSearchPath = System.getProperty(JNA_SEARCH_PATH);
        return jnaSearchPath == null || jnaSearchPath.isEmpty() ? List.of()
                : List.of("-D" + JNA_SEARCH_PATH + "=" + jnaSearchPath);
    }

    /** The JVM flags of {@code spec}'s isolate, without classpath and archive of classes. */
    public static List<String> jvmFlags(WorkerSpec spec) {
        List<String> flags = new ArrayList<>(JdkFlags.forThisJdk());
        flags.addAll(ISOLATE_FLAGS);
        if (spec.maxHeap() != null) {
            flags.add("-Xmx" + spec.maxHeap());
        }
        flags.addAll(spec.jvmArgs());
        return flags;
    }

    /** Checks a heap size such as {@code 256m} or {@code 2g}. */
    public static void checkHeap(String maxHeap) {
        if (!HEAP.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap must be a size such as 256m or 2g, was \"" + maxHeap + "\"");
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The supervisor's classpath (see {@link SupervisorClasspath}) followed by {@code extra}. */
    public static String classpath(List<Path> extra) {
        StringBuilder cp = new StringBuilder(SupervisorClasspath.current().joined());
        for (Path p : extra) {
            cp.append(File.pathSeparatorChar).append(p.toAbsolutePath());
        }
        return cp.toString();
    }
}
