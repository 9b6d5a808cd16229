package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes started as a worker JVM is: with an {@link IsolateMark} in their environment. */
class IsolateProcessTreeTest {
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void endWhatATestLeft() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** A shell that starts {@code sleep 302} in the background, prints its pid, then becomes {@code sleep 303}. */
    private Process leaderWithChild(IsolateMark mark) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "sleep 302 & echo $!; exec sleep 303")
                .redirectErrorStream(true);
        mark.addTo(builder.environment());
        Process leader = builder.start();
        started.add(leader.pid());
        return leader;
    }

    /**
     * The pid the leader printed, once that process is {@code sleep}: until its exec is done it is a
     * copy of the shell, and its environment may read empty in the moment of the exec.
     */
    private long childOf(Process leader) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(leader.getInputStream(), StandardCharsets.US_ASCII));
        long child = Long.parseLong(out.readLine().trim());
        started.add(child);
        Path comm = Path.of("/proc", Long.toString(child), "comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(comm, StandardCharsets.US_ASCII).trim().equals("sleep")) {
            assertTrue(System.nanoTime() < deadline, "process " + child + " did not become sleep in 30 s");
            Thread.sleep(5);
        }
        return child;
    }

    @Test
    void shouldKillTheLeaderAndItsDescendants() throws Exception {
        IsolateMark mark = IsolateMark.fresh();
        Process leader = leaderWithChild(mark);
        long child = childOf(leader);
        IsolateProcessTree tree = IsolateProcessTree.of(leader, mark);

        tree.kill();

        assertTrue(leader.waitFor(30, TimeUnit.SECONDS), "the leader should die");
        assertTrue(awaitGone(child), "its child should die with it");
    }

    @Test
    void shouldFindAndEndTheOrphansOfALeaderThatEnded() throws Exception {
        IsolateMark mark = IsolateMark.fresh();
        Process leader = leaderWithChild(mark);
        long child = childOf(leader);
        IsolateProcessTree tree = IsolateProcessTree.of(leader, mark);
        leader.destroyForcibly().waitFor(); // the leader alone: its child is orphaned
        assertTrue(isRunning(child), "the orphan runs on until found");
        assertTrue(mark.isOn(child), "the orphan kept the mark it inherited");

        assertEquals(1, tree.endOrphans());

        assertTrue(awaitGone(child), "the orphan should be killed");
        assertEquals(0, tree.endOrphans(), "nothing is left to end");
    }

    @Test
    void shouldLeaveAloneTheOrphansOfAnotherMarkThoughItsValueStartsTheSame() throws Exception {
        IsolateMark mark = IsolateMark.fresh();
        IsolateMark longer = new IsolateMark(mark.value() + "0");
        Process other = leaderWithChild(longer);
        long otherChild = childOf(other);
        Process leader = leaderWithChild(mark);
        long child = childOf(leader);
        IsolateProcessTree tree = IsolateProcessTree.of(leader, mark);
        leader.destroyForcibly().waitFor();
        other.destroyForcibly().waitFor();

        assertEquals(1, tree.endOrphans());

        assertTrue(awaitGone(child), "this isolate's orphan should be killed");
        assertTrue(isRunning(otherChild), "the other mark's orphan runs on");
    }

    /** Field {@code n} (1-based, as proc(5) counts) of {@code /proc/<pid>/stat}. */
    private static String statField(long pid, int n) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return afterName[n - 3];
    }

    private static boolean isRunning(long pid) {
        try {
            String state = statField(pid, 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false; // gone
        }
    }

    private static boolean awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
