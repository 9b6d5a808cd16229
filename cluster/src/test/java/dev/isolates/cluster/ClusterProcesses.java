package dev.isolates.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The member processes one test started; closing ends them all and checks that none outlives the test. */
final class ClusterProcesses implements AutoCloseable {
    private final List<MemberProcess> members = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    MemberProcess start(int port, List<Integer> join, int workers, String classpath) throws Exception {
        MemberProcess m = MemberProcess.start(port, join, workers, classpath);
        members.add(m);
        pids.add(m.pid());
        return m;
    }

    /** Starts {@code count} members that join each other, with the test classpath. */
    List<MemberProcess> startCluster(int count, int workers) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(MemberProcess.freePort());
        }
        List<MemberProcess> started = new ArrayList<>();
        for (int port : ports) {
            started.add(start(port, ports, workers, MemberProcess.testClasspath()));
        }
        return started;
    }

    static String addresses(List<MemberProcess> members) {
        return String.join(",", members.stream().map(m -> "127.0.0.1:" + m.port()).toList());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 90 s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The future's value within 60 s; on a timeout, fails with {@code state} (where the tasks are). */
    static <T> T result(CompletableFuture<T> future, java.util.function.Supplier<String> state) throws Exception {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no outcome within 60 s: " + state.get(), e);
        }
    }

    static long completed(List<? extends CompletableFuture<?>> futures) {
        return futures.stream().filter(CompletableFuture::isDone).count();
    }

    @Override
    public void close() throws InterruptedException {
        for (MemberProcess m : members) {
            m.close();
        }
        // A member's isolates watch it and exit within a second of its death; none may outlive the test.
        await("every member and isolate to end", () -> ProcessHandle.current().descendants()
                .noneMatch(ProcessHandle::isAlive));
        for (long pid : pids) {
            assertEquals(false, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "member process " + pid + " is still alive");
        }
    }
}
