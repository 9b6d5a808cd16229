package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.KillPriority;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.UnsendableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code IsolateOptions.inProcess(true)}: the isolate is a thread of this JVM (so a breakpoint in its
 * code stops there), and what crosses still goes through the codec.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class InProcessModeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final IsolateOptions IN_PROCESS = IsolateOptions.builder().inProcess(true).build();

    /** A mutable value a task captures. */
    static final class Counter {
        int value;
    }

    @AfterEach
    void noIsolateThreadIsLeft() throws InterruptedException {
        assertEquals(List.of(), InProcessThreads.awaitNone(WAIT), "in-process isolate threads still running");
    }

    @Test
    void shouldRunTheTaskOnAThreadOfThisJvm() throws Exception {
        long pid = Isolates.run(() -> ProcessHandle.current().pid(), IN_PROCESS).get(30, SECONDS);
        String thread = Isolates.run(() -> Thread.currentThread().getName(),
                IN_PROCESS.toBuilder().debugName("debug-me").build()).get(30, SECONDS);

        assertEquals(ProcessHandle.current().pid(), pid);
        assertEquals(InProcessThreads.PREFIX + "debug-me", thread);
    }

    @Test
    void shouldCopyWhatTheTaskCapturesAndReturns() throws Exception {
        Counter captured = new Counter();
        captured.value = 1;

        Counter result = Isolates.run(() -> {
            captured.value = 42;
            return captured;
        }, IN_PROCESS).get(30, SECONDS);

        assertEquals(1, captured.value, "the task changed its own copy");
        assertEquals(42, result.value);
        assertNotSame(captured, result);
    }

    @Test
    void shouldRefuseAnUnsendableResultAsAJvmDoes() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Isolates.run(() -> new Thread(() -> { }), IN_PROCESS).get(30, SECONDS));

        UnsendableException unsendable = assertInstanceOf(UnsendableException.class, e.getCause());
        assertEquals("result", unsendable.path());
        assertEquals(Thread.class.getName(), unsendable.type());
    }

    @Test
    void shouldStopAKilledIsolateBeforeItsNextEvent() throws Exception {
        try (ReceivePort replies = new ReceivePort()) {
            Isolate isolate = Isolates.spawn((SendPort reply) -> {
                ReceivePort requests = new ReceivePort();
                reply.send(requests.sendPort());
                requests.listen(m -> reply.send("got " + m));
            }, replies.sendPort(), IN_PROCESS).get(30, SECONDS);
            SendPort requests = (SendPort) replies.receive(WAIT);
            requests.send("one");
            assertEquals("got one", replies.receive(WAIT));
            assertEquals(ProcessHandle.current().pid(), isolate.pid());

            isolate.kill(KillPriority.IMMEDIATE);
            IsolateExit exit = isolate.onExit().get(30, SECONDS);

            assertEquals("killed", exit.reason());
            assertFalse(isolate.isAlive());
        }
    }

    @Test
    void shouldInterruptAKilledIsolateWaitingInItsTask() throws Exception {
        try (ReceivePort started = new ReceivePort()) {
            Isolate isolate = Isolates.spawn((SendPort reply) -> {
                reply.send("waiting");
                Thread.sleep(Long.MAX_VALUE);
            }, started.sendPort(), IN_PROCESS).get(30, SECONDS);
            assertEquals("waiting", started.receive(WAIT));

            isolate.kill();

            assertEquals("killed", isolate.onExit().get(30, SECONDS).reason());
        }
    }

    /** Lets the task of {@link #shouldReportAKilledIsolateKilledAndEndItsThreadOnceItsTaskReturns} return. */
    private static final AtomicBoolean RELEASE = new AtomicBoolean();

    @Test
    void shouldReportAKilledIsolateKilledAndEndItsThreadOnceItsTaskReturns() throws Exception {
        try (ReceivePort started = new ReceivePort()) {
            Isolate isolate = Isolates.spawn((SendPort reply) -> {
                reply.send("spinning");
                while (!RELEASE.get()) { // the isolate shares this JVM's statics
                    Thread.onSpinWait();
                }
            }, started.sendPort(), IN_PROCESS.toBuilder().debugName("spinner").build()).get(30, SECONDS);
            assertEquals("spinning", started.receive(WAIT));

            isolate.kill();

            assertEquals("killed", isolate.onExit().get(30, SECONDS).reason());
            assertFalse(isolate.isAlive());
            assertEquals(List.of(InProcessThreads.PREFIX + "spinner"), InProcessThreads.running(),
                    "a thread cannot be stopped: it runs on until its task returns");
            RELEASE.set(true);
            assertEquals(List.of(), InProcessThreads.awaitNone(WAIT), "back in its event loop, it sees the kill");
        } finally {
            RELEASE.set(true);
        }
    }

    @Test
    void shouldEndAtIsolatesExitAfterItsLastMessage() throws Exception {
        try (ReceivePort last = new ReceivePort()) {
            Isolate isolate = Isolates.spawn((SendPort reply) -> {
                try {
                    Isolates.exit(reply, "last");
                } finally {
                    reply.send("a finally block ran");
                }
            }, last.sendPort(), IN_PROCESS).get(30, SECONDS);

            assertEquals("last", last.receive(WAIT));
            assertEquals("Isolate.exit", isolate.onExit().get(30, SECONDS).reason());
            assertThrows(TimeoutException.class, () -> last.receive(Duration.ofMillis(200)),
                    "its thread unwinds through the finally block, whose send is dropped");
        }
    }

    @Test
    void shouldRunAPoolInProcess() throws Exception {
        try (IsolatePool pool = IsolatePool.builder().size(2).options(IN_PROCESS).build()) {
            List<CompletableFuture<Long>> pids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                pids.add(pool.submit(() -> ProcessHandle.current().pid() + n - n));
            }
            for (CompletableFuture<Long> pid : pids) {
                assertEquals(ProcessHandle.current().pid(), pid.get(30, SECONDS));
            }
        }
    }

    @Test
    void shouldRefuseAnUntrustedIsolateInProcess() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> IsolateOptions.builder().untrusted(true).inProcess(true).build());

        assertTrue(e.getMessage().contains("untrusted"), e.getMessage());
    }
}
