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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpinningFutureTest {
    private static final long PATIENCE_SECONDS = 30;
    private final ExecutorService waiters = Executors.newCachedThreadPool();

    @AfterEach
    void stopWaiters() {
        waiters.shutdownNow();
    }

    /** Waits (bounded) until {@code thread} is parked in the future, past its spin. */
    private static void awaitBlocked(Thread[] thread, SpinningFuture<?> future) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while ((thread[0] == null || java.util.concurrent.locks.LockSupport.getBlocker(thread[0]) != future)
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(thread[0] != null && java.util.concurrent.locks.LockSupport.getBlocker(thread[0]) == future,
                "the waiter blocked in the future");
    }

    @Test
    void shouldWakeABlockedGetWithTheValueAndCountItAsNoDependent() throws Exception {
        SpinningFuture<String> future = new SpinningFuture<>();
        Thread[] waiter = new Thread[1];
        Future<String> got = waiters.submit(() -> {
            waiter[0] = Thread.currentThread();
            return future.get();
        });
        awaitBlocked(waiter, future);

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
        Thread[] waiter = new Thread[1];
        Future<Throwable> joined = waiters.submit(() -> {
            waiter[0] = Thread.currentThread();
            try {
                future.join();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        awaitBlocked(waiter, future);

        future.completeExceptionally(new IllegalStateException("no"));
        Throwable e = joined.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
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
        Thread[] waiter = new Thread[1];
        Future<Throwable> got = waiters.submit(() -> {
            waiter[0] = Thread.currentThread();
            try {
                future.get();
                return null;
            } catch (CancellationException e) {
                return e;
            }
        });
        awaitBlocked(waiter, future);

        assertTrue(future.cancel(true));
        assertInstanceOf(CancellationException.class, got.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertTrue(hook.get());
    }

    @Test
    void shouldThrowInterruptedExceptionWhenABlockedGetIsInterrupted() throws Exception {
        SpinningFuture<String> future = new SpinningFuture<>();
        Thread[] waiter = new Thread[1];
        Future<Throwable> got = waiters.submit(() -> {
            waiter[0] = Thread.currentThread();
            try {
                future.get();
                return null;
            } catch (InterruptedException e) {
                return e;
            }
        });
        awaitBlocked(waiter, future);

        waiter[0].interrupt();
        assertInstanceOf(InterruptedException.class, got.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    }
}
