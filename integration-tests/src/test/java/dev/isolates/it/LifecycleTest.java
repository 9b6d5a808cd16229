package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.isolates.Isolate;
import dev.isolates.IsolateError;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.KillPriority;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a spawned isolate as {@link Isolate} controls it: kill now or before the next event,
 * counted pause and resume, ping, starting paused, exit and error listeners, and whether errors are
 * fatal.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class LifecycleTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** How long a paused isolate is watched for a reply that must not come. */
    static final Duration QUIET = Duration.ofSeconds(1);

    /** A spawned echo isolate and the ports to talk to it. */
    record Echo(Isolate isolate, SendPort requests, ReceivePort replies) implements AutoCloseable {
        @Override
        public void close() {
            replies.close();
            if (isolate.isAlive()) {
                isolate.kill(); // a test that failed half-way leaves no isolate behind
            }
        }
    }

    /** Spawns an isolate that answers "echo m" to each message m and ends on "stop". */
    static Echo spawnEcho(IsolateOptions options) throws Exception {
        ReceivePort replies = new ReceivePort("echo-replies");
        Isolate isolate = Isolates.spawn(LifecycleTest::echo, replies.sendPort(), options).get(60, SECONDS);
        return new Echo(isolate, (SendPort) replies.receive(WAIT), replies);
    }

    static void echo(SendPort toMain) {
        ReceivePort requests = new ReceivePort("echo-requests");
        toMain.send(requests.sendPort());
        requests.listen(m -> {
            if ("stop".equals(m)) {
                requests.close();
            } else {
                toMain.send("echo " + m);
            }
        });
    }

    @Test
    void shouldKillBusyLoopingIsolateAtOnce() throws Exception {
        assumeFalse(InProcessMode.on(), "a thread that never returns to its event loop cannot be killed");
        try (ReceivePort fromWorker = new ReceivePort("spinning")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                toMain.send("spinning");
                spinForever();
            }, fromWorker.sendPort()).get(60, SECONDS);
            assertEquals("spinning", fromWorker.receive(WAIT));
            assertTrue(worker.isAlive());

            worker.kill();

            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("SIGKILL", exit.reason());
            assertEquals(OptionalInt.of(9), exit.signal());
            assertEquals(128 + 9, exit.exitCode());
            assertFalse(worker.isAlive());
        }
    }

    static void spinForever() {
        while (true) {
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldFinishCurrentMessageAndTakeNoOtherWhenKilledBeforeNextEvent(@TempDir Path dir) throws Exception {
        Path killRequested = dir.resolve("kill-requested");
        String goOn = killRequested.toString();
        try (ReceivePort fromWorker = new ReceivePort("slow")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort requests = new ReceivePort("slow-requests");
                toMain.send(requests.sendPort());
                requests.listen(m -> {
                    toMain.send("started " + m);
                    if ("slow".equals(m)) {
                        awaitFile(Path.of(goOn)); // busy until the kill was surely asked for
                    }
                    toMain.send("finished " + m);
                });
            }, fromWorker.sendPort()).get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);

            toWorker.send("slow");
            assertEquals("started slow", fromWorker.receive(WAIT));
            toWorker.send("next");
            toWorker.send("after next");
            worker.kill(KillPriority.BEFORE_NEXT_EVENT);
            Files.writeString(killRequested, "go on");

            assertEquals("finished slow", fromWorker.receive(WAIT), "the message running when killed finishes");
            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("killed", exit.reason());
            assertEquals(OptionalInt.empty(), exit.signal());
            // Everything the worker sent was routed before its exit completed: nothing else came.
            assertThrows(TimeoutException.class, () -> fromWorker.receive(Duration.ofMillis(200)),
                    "no message after the one running when killed was taken");
        }
    }

    /** Polls for {@code file}, up to a minute; runs in a worker, where it keeps the event loop busy. */
    static void awaitFile(Path file) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(file + " did not appear within " + WAIT);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void shouldHoldMessagesWhilePausedAndDeliverAllInOrderOnResume() throws Exception {
        try (Echo echo = spawnEcho(IsolateOptions.defaults())) {
            echo.requests().send("warm-up");
            assertEquals("echo warm-up", echo.replies().receive(WAIT));

            echo.isolate().pause();
            for (int i = 0; i < 5; i++) {
                echo.requests().send("held " + i);
            }
            assertThrows(TimeoutException.class, () -> echo.replies().receive(QUIET), "a paused isolate answered");
            assertTrue(echo.isolate().isAlive());

            echo.isolate().resume();
            for (int i = 0; i < 5; i++) {
                assertEquals("echo held " + i, echo.replies().receive(WAIT), "none lost, in order");
            }
            echo.requests().send("stop");
            assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldStayPausedUntilResumedAsOftenAsPaused() throws Exception {
        try (Echo echo = spawnEcho(IsolateOptions.defaults())) {
            echo.isolate().pause();
            echo.isolate().pause();
            echo.requests().send("a");
            echo.isolate().resume(); // one pause is left
            echo.requests().send("b");
            assertThrows(TimeoutException.class, () -> echo.replies().receive(QUIET),
                    "paused twice, resumed once: still paused");

            echo.isolate().resume();
            assertEquals("echo a", echo.replies().receive(WAIT));
            assertEquals("echo b", echo.replies().receive(WAIT));
            echo.requests().send("stop");
            assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldAnswerPingWhilePausedLikeDart() throws Exception {
        try (Echo echo = spawnEcho(IsolateOptions.defaults())) {
            echo.isolate().pause();
            echo.requests().send("held");

            Duration rtt = echo.isolate().ping().get(60, SECONDS);
            assertFalse(rtt.isNegative());
            assertThrows(TimeoutException.class, () -> echo.replies().receive(QUIET), "still paused: no message ran");
            assertFalse(echo.isolate().ping().get(60, SECONDS).isNegative(), "a second ping is answered too");

            echo.isolate().resume();
            assertEquals("echo held", echo.replies().receive(WAIT));
            echo.requests().send("stop");
            assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldAnswerPingWithRoundTripTime() throws Exception {
        try (Echo echo = spawnEcho(IsolateOptions.defaults())) {
            Duration first = echo.isolate().ping().get(60, SECONDS);
            Duration second = echo.isolate().ping().get(60, SECONDS);
            assertNotNull(first);
            assertFalse(first.isNegative());
            assertFalse(second.isNegative());
            echo.requests().send("stop");
            assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldNotRunEntryPointOfIsolateSpawnedPausedUntilResumed() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("started")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> toMain.send("entry point ran"),
                    fromWorker.sendPort(), IsolateOptions.builder().paused(true).build()).get(60, SECONDS);
            assertThrows(TimeoutException.class, () -> fromWorker.receive(QUIET),
                    "the entry point of an isolate spawned paused ran");
            assertTrue(worker.isAlive(), "a paused isolate with nothing to do yet stays");

            worker.resume();
            assertEquals("entry point ran", fromWorker.receive(WAIT));
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldTellExitListenersUntilRemoved() throws Exception {
        try (Echo echo = spawnEcho(IsolateOptions.defaults());
             ReceivePort kept = new ReceivePort("kept");
             ReceivePort removed = new ReceivePort("removed")) {
            echo.isolate().addOnExitListener(kept.sendPort(), "bye");
            echo.isolate().addOnExitListener(removed.sendPort(), "should not come");
            echo.isolate().removeOnExitListener(removed.sendPort());

            echo.requests().send("stop");

            assertEquals("bye", kept.receive(WAIT));
            assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
            assertThrows(TimeoutException.class, () -> removed.receive(Duration.ofMillis(500)),
                    "a removed exit listener was told");

            echo.isolate().addOnExitListener(kept.sendPort(), "already gone");
            assertEquals("already gone", kept.receive(WAIT), "a listener added after the end is told at once");
        }
    }

    @Test
    void shouldReportErrorOfEntryPointThroughPortsGivenAsOptions() throws Exception {
        try (ReceivePort errors = new ReceivePort("errors"); ReceivePort exits = new ReceivePort("exits")) {
            IsolateOptions options = IsolateOptions.builder()
                    .onError(errors.sendPort())
                    .onExit(exits.sendPort(), "exited")
                    .build();
            Isolate worker = Isolates.spawn((String m) -> failAtOnce(m), "boom at start", options).get(60, SECONDS);

            IsolateError error = assertInstanceOf(IsolateError.class, errors.receive(WAIT));
            assertEquals(IllegalStateException.class.getName(), error.className());
            assertEquals("boom at start", error.message());
            assertTrue(error.stackTrace().contains("failAtOnce"), error.stackTrace());
            assertTrue(error.stackTrace().startsWith(IllegalStateException.class.getName()), error.stackTrace());
            assertEquals("exited", exits.receive(WAIT), "errors are fatal by default: the isolate ended");

            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("uncaught IllegalStateException", exit.reason());
            assertNotEquals(0, exit.exitCode());
        }
    }

    static void failAtOnce(String message) {
        throw new IllegalStateException(message);
    }

    @Test
    void shouldGoOnAfterListenerErrorWhenErrorsAreNotFatalByOption() throws Exception {
        try (ReceivePort errors = new ReceivePort("errors")) {
            IsolateOptions options = IsolateOptions.builder().errorsAreFatal(false).onError(errors.sendPort()).build();
            try (Echo echo = spawnFailingEcho(options)) {
                echo.requests().send("one");
                echo.requests().send("fail");
                echo.requests().send("two");

                assertEquals("echo one", echo.replies().receive(WAIT));
                assertEquals("echo two", echo.replies().receive(WAIT), "the isolate went on with the next message");
                IsolateError error = assertInstanceOf(IsolateError.class, errors.receive(WAIT));
                assertEquals(IllegalArgumentException.class.getName(), error.className());
                assertEquals("told to fail", error.message());
                assertTrue(error.stackTrace().contains("failOnRequest"), error.stackTrace());
                assertTrue(echo.isolate().isAlive());

                echo.requests().send("stop");
                assertEquals("completed", echo.isolate().onExit().get(60, SECONDS).reason());
            }
        }
    }

    @Test
    void shouldFollowErrorsFatalSetAfterSpawn() throws Exception {
        try (Echo echo = spawnFailingEcho(IsolateOptions.defaults()); ReceivePort errors = new ReceivePort("errors")) {
            echo.isolate().addErrorListener(errors.sendPort());
            echo.isolate().setErrorsFatal(false);
            echo.requests().send("fail");
            echo.requests().send("one");

            assertEquals("echo one", echo.replies().receive(WAIT), "not fatal: the isolate went on");
            assertEquals("told to fail", assertInstanceOf(IsolateError.class, errors.receive(WAIT)).message());

            echo.isolate().setErrorsFatal(true);
            echo.requests().send("fail");
            echo.requests().send("two");

            assertEquals("told to fail", assertInstanceOf(IsolateError.class, errors.receive(WAIT)).message());
            IsolateExit exit = echo.isolate().onExit().get(60, SECONDS);
            assertEquals("uncaught IllegalArgumentException", exit.reason(), "fatal again: the isolate ended");
            assertThrows(TimeoutException.class, () -> echo.replies().receive(Duration.ofMillis(200)),
                    "the message after a fatal error was taken");
        }
    }

    static Echo spawnFailingEcho(IsolateOptions options) throws Exception {
        ReceivePort replies = new ReceivePort("failing-echo-replies");
        Isolate isolate = Isolates.spawn((SendPort toMain) -> {
            ReceivePort requests = new ReceivePort("failing-echo-requests");
            toMain.send(requests.sendPort());
            requests.listen(m -> {
                if ("stop".equals(m)) {
                    requests.close();
                } else if ("fail".equals(m)) {
                    failOnRequest();
                } else {
                    toMain.send("echo " + m);
                }
            });
        }, replies.sendPort(), options).get(60, SECONDS);
        return new Echo(isolate, (SendPort) replies.receive(WAIT), replies);
    }

    static void failOnRequest() {
        throw new IllegalArgumentException("told to fail");
    }

    @Test
    void shouldNameIsolateAndItsProcess() throws Exception {
        assumeFalse(InProcessMode.on(), "an in-process isolate's process is this one");
        try (Echo echo = spawnEcho(IsolateOptions.builder().debugName("lifecycle-probe").build())) {
            Isolate isolate = echo.isolate();
            assertEquals("lifecycle-probe", isolate.debugName());
            assertTrue(isolate.isAlive());
            assertTrue(Processes.isRunning(isolate.pid()), "pid() is a running process");
            assertNotEquals(ProcessHandle.current().pid(), isolate.pid());
            assertTrue(ProcessHandle.current().children().anyMatch(p -> p.pid() == isolate.pid()),
                    "the isolate's JVM is a child of this one");
            assertTrue(isolate.toString().contains("lifecycle-probe"), isolate.toString());

            echo.requests().send("stop");
            assertEquals("completed", isolate.onExit().get(60, SECONDS).reason());
            assertFalse(isolate.isAlive());
            assertTrue(Processes.awaitHandleNotAlive(isolate.pid(), WAIT));
        }
    }
}
