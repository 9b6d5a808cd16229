package dev.isolates.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.cluster.ClusterTestTasks.Napping;
import dev.isolates.cluster.ClusterTestTasks.Ran;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members in their own JVMs on 127.0.0.1 and a submitter in this one; members die, join and leave mid-batch. */
class ClusterFailoverTest {
    private final ClusterProcesses processes = new ClusterProcesses();

    @AfterEach
    void endEveryProcess() throws InterruptedException {
        processes.close();
    }

    private static List<Napping> tasks(int count, long millis) {
        List<Napping> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new Napping(i, millis));
        }
        return tasks;
    }

    private static void awaitATaskRanOn(MemberProcess member, List<CompletableFuture<Ran>> futures)
            throws InterruptedException {
        ClusterProcesses.await("a task to run on member " + member.name(), () -> futures.stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .anyMatch(f -> f.join().memberPid() == member.pid()));
    }

    private static void assertEveryTaskSucceeded(ClusterPool pool, List<CompletableFuture<Ran>> futures)
            throws Exception {
        for (int i = 0; i < futures.size(); i++) {
            int task = i;
            assertEquals(i, ClusterProcesses.result(futures.get(i), () -> "task " + task + ": " + pool.describe()).n());
        }
    }

    @Test
    void shouldRunEveryTaskOfAKilledMemberElsewhereWithRetries() throws Exception {
        List<MemberProcess> members = processes.startCluster(3, 2);
        try (ClusterPool pool = ClusterPool.builder().closeTimeout(Duration.ofSeconds(10)).members(ClusterProcesses.addresses(members).split(","))
                .retries(3).build()) {
            List<CompletableFuture<Ran>> futures = pool.submitAll(tasks(1000, 10));
            ClusterProcesses.await("200 tasks to finish", () -> ClusterProcesses.completed(futures) >= 200);
            members.get(0).kill();
            assertEveryTaskSucceeded(pool, futures);
        }
    }

    @Test
    void shouldFailTheTasksOfAKilledMemberWithMemberLostWithoutRetries() throws Exception {
        List<MemberProcess> members = processes.startCluster(2, 1);
        MemberProcess victim = members.get(0);
        try (ClusterPool pool = ClusterPool.builder().closeTimeout(Duration.ofSeconds(10)).members(ClusterProcesses.addresses(members).split(","))
                .build()) {
            List<CompletableFuture<Ran>> futures = pool.submitAll(tasks(40, 200));
            awaitATaskRanOn(victim, futures);
            Thread.sleep(100); // a task of 200 ms: the member is now running its next one, not claiming it
            java.util.concurrent.atomic.AtomicLong firstLoss = new java.util.concurrent.atomic.AtomicLong();
            futures.forEach(f -> f.whenComplete((v, e) -> {
                if (e != null) {
                    firstLoss.compareAndSet(0, System.nanoTime());
                }
            }));
            long killedAt = System.nanoTime();
            victim.kill();
            int lost = 0;
            for (CompletableFuture<Ran> f : futures) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    MemberLostException m = assertInstanceOf(MemberLostException.class, e.getCause());
                    assertEquals(victim.name(), m.member());
                    assertTrue(m.getMessage().contains(m.taskId()), m.getMessage());
                    lost++;
                }
            }
            assertTrue(lost >= 1, "the killed member held a task when it died, so one task must be lost");
            // Printed for docs/cluster.md, never asserted: from kill -9 to the submitter settling the member's task.
            System.out.println("member lost: kill -9 to MemberLostException " + (firstLoss.get() - killedAt) / 1_000_000 + " ms");
        }
    }

    @Test
    void shouldGiveWorkToAMemberThatJoinsMidBatch() throws Exception {
        int first = MemberProcess.freePort();
        int second = MemberProcess.freePort();
        processes.start(first, List.of(first, second), 1, MemberProcess.testClasspath());
        try (ClusterPool pool = ClusterPool.builder().closeTimeout(Duration.ofSeconds(10)).members("127.0.0.1:" + first).build()) {
            List<CompletableFuture<Ran>> futures = pool.submitAll(tasks(400, 50));
            ClusterProcesses.await("10 tasks to finish", () -> ClusterProcesses.completed(futures) >= 10);
            MemberProcess joining = processes.start(second, List.of(first, second), 1, MemberProcess.testClasspath());
            long onJoined = 0;
            for (CompletableFuture<Ran> f : futures) {
                if (f.get(90, TimeUnit.SECONDS).memberPid() == joining.pid()) {
                    onJoined++;
                }
            }
            assertTrue(onJoined > 0, "the member that joined mid-batch ran none of the 400 tasks");
        }
    }

    @Test
    void shouldHandBackHeldTasksWhenAMemberIsStoppedBySigterm() throws Exception {
        List<MemberProcess> members = processes.startCluster(2, 1);
        MemberProcess stopped = members.get(0);
        try (ClusterPool pool = ClusterPool.builder().closeTimeout(Duration.ofSeconds(10)).members(ClusterProcesses.addresses(members).split(","))
                .build()) {
            List<CompletableFuture<Ran>> futures = pool.submitAll(tasks(30, 300));
            awaitATaskRanOn(stopped, futures);
            stopped.terminate();
            assertTrue(stopped.waitForExit(), "the member did not exit after SIGTERM");
            assertEveryTaskSucceeded(pool, futures);
        }
    }

    @Test
    void shouldFailPendingTasksWhenEveryMemberIsLost() throws Exception {
        List<MemberProcess> members = processes.startCluster(1, 1);
        try (ClusterPool pool = ClusterPool.builder().closeTimeout(Duration.ofSeconds(10)).members(ClusterProcesses.addresses(members).split(","))
                .lostClusterTimeout(Duration.ofSeconds(3)).build()) {
            CompletableFuture<Ran> slow = pool.submit(new Napping(1, 120_000));
            ClusterProcesses.await("the member to run the task", () -> pool.stats().members().stream()
                    .anyMatch(s -> s.running() == 1));
            members.get(0).kill();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> slow.get(60, TimeUnit.SECONDS));
            assertInstanceOf(ClusterUnreachableException.class, e.getCause());
        }
    }
}
