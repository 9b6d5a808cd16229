package dev.isolates.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One isolate's processes: its JVM, the leader of a session of its own (see {@link OwnSession}), and
 * whatever the isolate's code started, below it or orphaned. A child keeps its session id when its
 * parent dies, so the JVM's orphans are the processes whose session id is the JVM's pid.
 *
 * <p>A pid is not reused while a process still has it as its session id, and a
 * {@link ProcessHandle} refuses to signal a later process that got its pid (it compares start
 * times), so only this isolate's processes are killed. A process that starts a session of its own
 * and leaves the JVM's tree is beyond reach; in a sandbox the pid namespace ends those too.
 *
 * <p>Safe from any thread.
 */
public final class IsolateProcessTree {
    /** Sweeps until one finds nothing new: an orphan may fork while it is being killed. */
    private static final int MAX_SWEEPS = 8;

    private final ProcessHandle leader;
    private final Optional<Instant> leaderStart;

    private IsolateProcessTree(ProcessHandle leader) {
        this.leader = leader;
        this.leaderStart = leader.info().startInstant();
    }

    /** The tree led by {@code jvm}, a process started through {@link OwnSession#prefix()}; call while it runs. */
    public static IsolateProcessTree of(Process jvm) {
        return new IsolateProcessTree(jvm.toHandle());
    }

    /** The tree this JVM leads, for a worker ending itself with none left to end what it started. */
    public static IsolateProcessTree ofThisJvm() {
        return new IsolateProcessTree(ProcessHandle.current());
    }

    /** The JVM's pid, which is also its session's id. */
    public long pid() {
        return leader.pid();
    }

    /**
     * Kills the JVM and every process below it (SIGKILL), the descendants seen just before the JVM.
     * Call {@link #endOrphans()} once the JVM has exited, for what it started after that look.
     */
    public void kill() {
        List<ProcessHandle> below = leader.descendants().toList();
        leader.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * Kills what is left of the session once its leader, the JVM, has ended: the processes it started
     * that outlived it; or, called in the JVM itself, the rest of its session. Returns how many were killed.
     */
    public int endOrphans() {
        if (!sessionIsOurs()) {
            return 0;
        }
        Set<Long> killed = new HashSet<>();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            int before = killed.size();
            for (long pid : members()) {
                if (!killed.contains(pid)) {
                    // the handle first, then the look: the handle signals only the process that was looked at
                    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                    if (handle.isPresent() && inSession(pid)) {
                        handle.get().destroyForcibly();
                        killed.add(pid);
                    }
                }
            }
            if (killed.size() == before) {
                break;
            }
        }
        return killed.size();
    }

    /**
     * False when the JVM's pid now belongs to another process, which may lead a session of the same
     * number: the session was then emptied and its number given out again.
     */
    private boolean sessionIsOurs() {
        Optional<ProcessHandle> now = ProcessHandle.of(leader.pid());
        return now.isEmpty() || now.get().info().startInstant().equals(leaderStart);
    }

    private boolean inSession(long pid) {
        return ProcessStat.read(pid).filter(s -> s.session() == leader.pid() && !s.ended()).isPresent();
    }

    /** The live processes of the session but the JVM itself. */
    private Set<Long> members() {
        Set<Long> members = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ProcessStat.PROC, IsolateProcessTree::isPid)) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != leader.pid() && inSession(pid)) {
                    members.add(pid);
                }
            }
        } catch (IOException e) {
            return members; // no /proc: nothing to find
        }
        return members;
    }

    private static boolean isPid(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
