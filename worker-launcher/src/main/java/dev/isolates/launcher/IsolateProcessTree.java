package dev.isolates.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One isolate's processes: its JVM and whatever the isolate's code started, below the JVM or
 * orphaned. The JVM is started with an {@link IsolateMark} in its environment, which its children
 * inherit and keep when their parent dies, so the JVM's orphans are the processes that bear it.
 *
 * <p>A {@link ProcessHandle} refuses to signal a later process that got its pid (it compares start
 * times), and a handle is taken before the look that finds the mark, so only this isolate's processes
 * are killed. A process started with an environment that leaves out the mark, and out of the JVM's
 * tree by the time it is killed, is beyond reach; in a sandbox the pid namespace ends those too.
 *
 * <p>Safe from any thread.
 */
public final class IsolateProcessTree {
    private static final Path PROC = Path.of("/proc");
    /** Sweeps until one finds nothing new: an orphan may fork while it is being killed. */
    private static final int MAX_SWEEPS = 8;

    private final ProcessHandle jvm;
    private final Optional<IsolateMark> mark;

    private IsolateProcessTree(ProcessHandle jvm, Optional<IsolateMark> mark) {
        this.jvm = jvm;
        this.mark = mark;
    }

    /** The processes of {@code jvm}, started with {@code mark} in its environment; call while it runs. */
    public static IsolateProcessTree of(Process jvm, IsolateMark mark) {
        return new IsolateProcessTree(jvm.toHandle(), Optional.of(mark));
    }

    /**
     * The processes this JVM started, for a worker ending itself with none left to end them: those
     * below it, and those that bear its mark if it was started with one.
     */
    public static IsolateProcessTree ofThisJvm() {
        return new IsolateProcessTree(ProcessHandle.current(), IsolateMark.ofThisJvm());
    }

    /** The JVM's pid. */
    public long pid() {
        return jvm.pid();
    }

    /**
     * Kills the JVM and every process below it (SIGKILL), the descendants seen just before the JVM.
     * Call {@link #endOrphans()} once the JVM has exited, for what it started after that look.
     */
    public void kill() {
        List<ProcessHandle> below = jvm.descendants().toList();
        jvm.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills the processes the isolate started but the JVM itself: once the JVM has ended, those that
     * outlived it; called in the JVM itself, all of them. Returns how many were killed.
     */
    public int endOrphans() {
        Set<Long> killed = new HashSet<>();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            int before = killed.size();
            for (ProcessHandle p : started()) {
                if (killed.add(p.pid())) {
                    p.destroyForcibly();
                }
            }
            if (killed.size() == before) {
                break;
            }
        }
        return killed.size();
    }

    /** The live processes below the JVM while it runs, and those that bear its mark, but the JVM. */
    private List<ProcessHandle> started() {
        List<ProcessHandle> found = new ArrayList<>();
        if (jvm.isAlive()) {
            jvm.descendants().forEach(found::add);
        }
        mark.ifPresent(m -> found.addAll(bearing(m)));
        return found;
    }

    private List<ProcessHandle> bearing(IsolateMark m) {
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, IsolateProcessTree::isPid)) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (m.isOn(pid)) {
                    // the handle, then a second look: the handle signals only the process that was looked at
                    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                    if (handle.isPresent() && !handle.get().equals(jvm) && m.isOn(pid)) {
                        found.add(handle.get());
                    }
                }
            }
        } catch (IOException e) {
            return found; // no /proc: nothing to find
        }
        return found;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
