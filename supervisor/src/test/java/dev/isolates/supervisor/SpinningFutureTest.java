package dev.isolates.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpinningFutureTest {
    private static final long PATIENCE_SECONDS = 30;
    private final ExecutorService waiters = Executors.newCachedThreadPool();

    @AfterEach
    void stopWaiters() {
        waiters.shutdownNow();
    }

    /** A call that blocks in the future, run on another thread; returns once that thread is parked in it. */
    private Future<Object> blockedIn(SpinningFuture<?> future, java.util.concurrent.Callable<Object> call)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Object> outcome = waiters.submit(() -> {
            waiter.set(Thread.currentThread());
            try {
                return call.call();
            } catch (Exception | Error e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while ((waiter.get() == null || LockSupport.getBlocker(waiter.get()) != future) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(waiter.get() != null && LockSupport.getBlocker(waiter.get()) == future, "the waiter blocked in the future");
        blockedThread = waiter.get();
        return outcome;
    }

    private Thread blockedThread;

    @Test
    void shouldWakeABlockedGetWithTheValueAndCountItAsNoDependent() throws Exception {
        SpinningFuture<String> future = new SpinningFuture<>();
        Future<Object> got = blockedIn(future, future::get);

        assertEquals(0, future.getNumberOfDependents(), "a blocked thread runs no code on completion");
        future.complete("answer");
        assertEquals("answer", got.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void shouldCountCallbacksAsDependents() {
        SpinningFuture<String> future = new SpinningFuture<>();
        future.thenApply(String::length);
        assertEquals(1, future.getNumberOfDependents());
    }

    @Test
    void shouldWakeABlockedJoinAndGetWithTheFailure() throws Exception {
        SpinningFuture<String> future = new SpinningFuture<>();
        Future<Object> joined = blockedIn(future, future::join);

        future.completeExceptionally(new IllegalStateException("no"));
        Throwable e = assertInstanceOf(Throwable.class, joined.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause(), String.valueOf(e));
        ExecutionException viaGet = assertThrows(ExecutionException.class, future::get);
        assertInstanceOf(IllegalStateException.class, viaGet.getCause());
    }

    @Test
    void shouldTimeOutAGetWithATimeout() {
        SpinningFuture<String> future = new SpinningFuture<>();
        assertThrows(TimeoutException.class, () -> future.get(20, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldWakeABlockedGetWhenCancelledAndRunTheCancelHook() throws Exception {
        AtomicBoolean hook = new AtomicBoolean();
        SpinningFuture<String> future = new SpinningFuture<>(() -> hook.set(true));
        Future<Object> got = blockedIn(future, future::get);

        assertTrue(future.cancel(true));
        assertInstanceOf(CancellationException.class, got.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertTrue(hook.get());
    }

    @Test
    void shouldThrowInterruptedExceptionWhenABlockedGetIsInterrupted() throws Exception {
        SpinningFuture<String> future = new SpinningFuture<>();
        Future<Object> got = blockedIn(future, future::get);

        blockedThread.interrupt();
        assertInstanceOf(InterruptedException.class, got.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }
}
