package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes started as a worker JVM is: through {@link WorkerCommandLine#launched}. */
class IsolateProcessTreeTest {
    private final List<Long> started = new ArrayList<>();

    @AfterEach
    void endWhatATestLeft() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** A shell that starts {@code sleep 302} in the background, prints its pid, then becomes {@code sleep 303}. */
    private Process leaderWithChild() throws IOException {
        Process leader = new ProcessBuilder(WorkerCommandLine.launched(List.of("sh", "-c",
                "sleep 302 & echo $!; exec sleep 303"))).redirectErrorStream(true).start();
        started.add(leader.pid());
        return leader;
    }

    private long childOf(Process leader) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(leader.getInputStream(), StandardCharsets.US_ASCII));
        long child = Long.parseLong(out.readLine().trim());
        started.add(child);
        return child;
    }

    @Test
    void shouldStartTheLeaderAsThisJvmsOwnChildLeadingItsOwnSession() throws Exception {
        assertFalse(OwnSession.prefix().isEmpty(), "this machine has setsid: " + OwnSession.find());
        Process leader = leaderWithChild();
        long child = childOf(leader);

        assertEquals(ProcessHandle.current().pid(), leader.toHandle().parent().orElseThrow().pid(),
                "setsid did not fork: the process started is the one that runs");
        assertEquals(leader.pid(), ProcessStat.read(leader.pid()).orElseThrow().session());
        assertEquals(leader.pid(), ProcessStat.read(child).orElseThrow().session());
        leader.destroyForcibly().waitFor();
    }

    @Test
    void shouldKillTheLeaderAndItsDescendants() throws Exception {
        Process leader = leaderWithChild();
        long child = childOf(leader);
        IsolateProcessTree tree = IsolateProcessTree.of(leader);

        tree.kill();

        assertTrue(leader.waitFor(30, TimeUnit.SECONDS), "the leader should die");
        assertTrue(awaitGone(child), "its child should die with it");
    }

    @Test
    void shouldFindAndEndTheOrphansOfALeaderThatEnded() throws Exception {
        Process leader = leaderWithChild();
        long child = childOf(leader);
        IsolateProcessTree tree = IsolateProcessTree.of(leader);
        leader.destroyForcibly().waitFor(); // the leader alone: its child is orphaned
        assertTrue(isRunning(child), "the orphan runs on until found");

        assertEquals(1, tree.endOrphans());

        assertTrue(awaitGone(child), "the orphan should be killed");
        assertEquals(0, tree.endOrphans(), "nothing is left to end");
    }

    private static boolean isRunning(long pid) {
        return ProcessStat.read(pid).filter(s -> !s.ended()).isPresent();
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
