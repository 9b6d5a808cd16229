package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateExit;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.UnsendableException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Receive and send ports across isolates: a send port travels anywhere, messages keep their order
 * per sender, a listener runs one message at a time, a closed port drops what comes later, and a
 * message that cannot cross is refused where it is sent.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class PortsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int ORDERED = 300;
    static final int LARGE_EVERY = 50;
    static final int LARGE = 2 << 20; // over the 1 MiB inline limit: goes through the arena
    static final int SERIAL = 200;

    /** Something that holds a thread, as a task object might. */
    record Holder(String name, Thread thread) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void shouldReachWorkerThroughSendPortHandedOverByAnotherWorker() throws Exception {
        try (ReceivePort fromWorkers = new ReceivePort("reports")) {
            Isolate a = Isolates.spawn((SendPort toMain) -> {
                ReceivePort inbox = new ReceivePort("a-inbox");
                List<Object> got = new ArrayList<>();
                toMain.send(inbox.sendPort());
                inbox.listen(m -> {
                    got.add(m);
                    if (m instanceof Long) { // the sender's pid comes last
                        toMain.send(List.of(ProcessHandle.current().pid(), new ArrayList<>(got)));
                        inbox.close();
                    }
                });
            }, fromWorkers.sendPort()).get(60, SECONDS);
            SendPort toA = (SendPort) fromWorkers.receive(WAIT);

            Isolate b = Isolates.spawn((SendPort target) -> {
                for (int i = 0; i < SERIAL; i++) {
                    target.send(i);
                }
                target.send(ProcessHandle.current().pid());
            }, toA).get(60, SECONDS);

            List<?> report = assertInstanceOf(List.class, fromWorkers.receive(WAIT));
            assertEquals(a.pid(), report.get(0), "worker A reports");
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < SERIAL; i++) {
                expected.add(i);
            }
            expected.add(b.pid());
            assertEquals(expected, report.get(1), "A got all of B's messages, in B's send order, then B's pid");
            assertEquals(InProcessMode.on(), a.pid() == b.pid(), "an isolate has a JVM of its own, but in-process");
            assertEquals("completed", a.onExit().get(60, SECONDS).reason());
            assertEquals("completed", b.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldDeliverInSendOrderPerSenderSmallAndLargeMixed() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("echoes")) {
            Isolate worker = Isolates.spawn(PortsTest::echoSizes, fromWorker.sendPort()).get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);

            for (int i = 0; i < ORDERED; i++) {
                toWorker.send(i % LARGE_EVERY == 0 ? large(i) : (Object) ("m" + i));
            }
            for (int i = 0; i < ORDERED; i++) {
                Object reply = fromWorker.receive(WAIT);
                if (i % LARGE_EVERY == 0) {
                    assertArrayEquals(large(i), assertInstanceOf(byte[].class, reply), "large message " + i);
                } else {
                    assertEquals("m" + i, reply, "message " + i + " in send order");
                }
            }
            toWorker.send("stop");
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    /** Echoes every message back, small or large, until "stop". */
    static void echoSizes(SendPort toMain) {
        ReceivePort requests = new ReceivePort("echo");
        toMain.send(requests.sendPort());
        requests.listen(m -> {
            if ("stop".equals(m)) {
                requests.close();
            } else {
                toMain.send(m);
            }
        });
    }

    @Test
    void shouldRunListenerOneMessageAtATimeWhateverSendsIt() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("serial-report")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort inbox = new ReceivePort("serial");
                AtomicInteger inside = new AtomicInteger();
                AtomicInteger mostInside = new AtomicInteger();
                AtomicInteger handled = new AtomicInteger();
                Set<String> threads = ConcurrentHashMap.newKeySet();
                inbox.listen(m -> {
                    int now = inside.incrementAndGet();
                    mostInside.accumulateAndGet(now, Math::max);
                    threads.add(Thread.currentThread().getName());
                    try {
                        Thread.sleep(1); // long enough for a second handler to overlap, were there one
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    inside.decrementAndGet();
                    if (handled.incrementAndGet() == 2 * SERIAL) {
                        toMain.send(List.of(mostInside.get(), new ArrayList<>(threads)));
                        inbox.close();
                    }
                });
                SendPort self = inbox.sendPort();
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < SERIAL; i++) {
                        self.send("from a thread of the worker " + i);
                    }
                }, "worker-side-sender");
                sender.start();
                toMain.send(self);
            }, fromWorker.sendPort()).get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);
            for (int i = 0; i < SERIAL; i++) {
                toWorker.send("from main " + i);
            }

            List<?> report = assertInstanceOf(List.class, fromWorker.receive(WAIT));
            assertEquals(1, report.get(0), "handlers inside the listener at once, at most");
            assertEquals(1, ((List<?>) report.get(1)).size(), "threads that ran the handler: " + report.get(1));
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldRunMainIsolateListenerOneMessageAtATimeInOrderPerSender() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Map<Integer, List<Integer>> bySender = new ConcurrentHashMap<>();
        try (ReceivePort done = new ReceivePort("done"); ReceivePort listened = new ReceivePort("listened")) {
            SendPort doneSend = done.sendPort();
            AtomicInteger handled = new AtomicInteger();
            listened.listen(m -> {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                List<?> pair = (List<?>) m;
                bySender.computeIfAbsent((Integer) pair.get(0), k -> new ArrayList<>()).add((Integer) pair.get(1));
                inside.decrementAndGet();
                if (handled.incrementAndGet() == 2 * SERIAL) {
                    doneSend.send("all handled");
                }
            });
            List<Isolate> senders = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                int sender = s;
                senders.add(Isolates.spawn((SendPort target) -> {
                    for (int i = 0; i < SERIAL; i++) {
                        target.send(List.of(sender, i));
                    }
                }, listened.sendPort()).get(60, SECONDS));
            }

            assertEquals("all handled", done.receive(WAIT));
            assertEquals(1, mostInside.get(), "handlers inside the main isolate's listener at once, at most");
            List<Integer> inOrder = new ArrayList<>();
            for (int i = 0; i < SERIAL; i++) {
                inOrder.add(i);
            }
            for (int s = 0; s < senders.size(); s++) {
                assertEquals(inOrder, bySender.get(s), "messages of " + senders.get(s));
                assertEquals("completed", senders.get(s).onExit().get(60, SECONDS).reason());
            }
        }
    }

    @Test
    void shouldEndListeningAndDropLaterSendsWhenWorkerClosesItsPort() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("close-report")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort data = new ReceivePort("data");
                ReceivePort control = new ReceivePort("control");
                AtomicInteger afterClose = new AtomicInteger();
                boolean[] closed = {false};
                data.listen(m -> {
                    if (closed[0]) {
                        afterClose.incrementAndGet();
                    }
                    if ("close".equals(m)) {
                        data.close();
                        closed[0] = true;
                    } else {
                        toMain.send("got " + m);
                    }
                });
                control.listen(m -> {
                    toMain.send("handled after close: " + afterClose.get());
                    control.close(); // the last open port: the isolate ends
                });
                toMain.send(List.of(data.sendPort(), control.sendPort()));
            }, fromWorker.sendPort()).get(60, SECONDS);
            List<?> ports = assertInstanceOf(List.class, fromWorker.receive(WAIT));
            SendPort data = (SendPort) ports.get(0);
            SendPort control = (SendPort) ports.get(1);

            data.send("a");
            data.send("close");
            data.send("b"); // dropped: no exception here, nothing there
            data.send("c");
            control.send("report");

            assertEquals("got a", fromWorker.receive(WAIT));
            assertEquals("handled after close: 0", fromWorker.receive(WAIT));
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
            data.send("to an ended isolate"); // dropped too, as in Dart
            assertThrows(TimeoutException.class, () -> fromWorker.receive(Duration.ofMillis(200)),
                    "nothing else came from the worker");
        }
    }

    @Test
    void shouldEndListeningAndDropLaterSendsWhenMainIsolateClosesItsPort() throws Exception {
        try (ReceivePort handled = new ReceivePort("handled"); ReceivePort probe = new ReceivePort("probe")) {
            SendPort report = handled.sendPort();
            ReceivePort port = new ReceivePort("soon closed");
            port.listen(m -> report.send("handled " + m));
            probe.listen(m -> report.send("probe " + m));
            port.sendPort().send("before");
            assertEquals("handled before", handled.receive(WAIT));

            port.close();
            port.sendPort().send("after close"); // dropped, no exception
            probe.sendPort().send("x");

            // Both listeners run on the main isolate's one event loop, in order: had "after close" been
            // handled, its report would have come first.
            assertEquals("probe x", handled.receive(WAIT));
            assertThrows(IllegalStateException.class, port::receive, "a closed port cannot be read");
            assertThrows(IllegalStateException.class, () -> port.listen(m -> { }), "nor listened to");
        }
    }

    @Test
    void shouldTimeOutReceiveWhenNothingComes() throws Exception {
        try (ReceivePort quiet = new ReceivePort("quiet"); ReceivePort fromWorker = new ReceivePort("timeout-report")) {
            assertThrows(TimeoutException.class, () -> quiet.receive(Duration.ofMillis(200)));

            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                try (ReceivePort own = new ReceivePort("own quiet")) {
                    own.receive(Duration.ofMillis(200));
                    toMain.send("received something");
                } catch (TimeoutException e) {
                    toMain.send(e.getClass().getName());
                }
            }, fromWorker.sendPort()).get(60, SECONDS);

            assertEquals(TimeoutException.class.getName(), fromWorker.receive(WAIT));
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldRefuseUnsendableMessageAtSendWithPath() throws Exception {
        try (ReceivePort local = new ReceivePort("local"); ReceivePort inner = new ReceivePort("inner")) {
            Thread thread = new Thread(() -> { });
            UnsendableException e = assertThrows(UnsendableException.class, () -> local.sendPort().send(thread));
            assertEquals("message", e.path());
            assertEquals(Thread.class.getName(), e.type());

            e = assertThrows(UnsendableException.class, () -> local.sendPort().send(new Holder("h", thread)));
            assertEquals("message -> thread", e.path());
            assertTrue(e.getMessage().contains(e.path()), e.getMessage());

            e = assertThrows(UnsendableException.class, () -> local.sendPort().send(List.of("ok", inner)));
            assertEquals("message -> [1]", e.path());
            assertEquals(ReceivePort.class.getName(), e.type());

            local.sendPort().send("sendable");
            assertEquals("sendable", local.receive(WAIT), "nothing of the refused messages arrived");
        }
    }

    @Test
    void shouldRefuseUnsendableMessageToAndFromWorkerBeforeAnythingLeaves() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("unsendable-report")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort requests = new ReceivePort("requests");
                try {
                    toMain.send(new Holder("worker", Thread.currentThread()));
                    toMain.send("no exception in the worker");
                } catch (UnsendableException e) {
                    toMain.send(List.of(e.path(), e.type()));
                }
                toMain.send(requests.sendPort());
                requests.listen(m -> {
                    toMain.send("worker got " + m);
                    requests.close();
                });
            }, fromWorker.sendPort()).get(60, SECONDS);

            assertEquals(List.of("message -> thread", Thread.class.getName()), fromWorker.receive(WAIT));
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);
            try (ReceivePort notSendable = new ReceivePort("stays here")) {
                UnsendableException e = assertThrows(UnsendableException.class, () -> toWorker.send(notSendable));
                assertEquals("message", e.path());
                assertEquals(ReceivePort.class.getName(), e.type());
            }
            toWorker.send("sendable");
            assertEquals("worker got sendable", fromWorker.receive(WAIT), "the refused message never arrived");
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldNameCurrentIsolateInMainAndInWorker() throws Exception {
        Isolate main = Isolates.current();
        assertEquals("main", main.debugName());
        assertEquals(ProcessHandle.current().pid(), main.pid());
        assertTrue(main.isAlive());

        try (ReceivePort fromWorker = new ReceivePort("current-report")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                Isolate self = Isolates.current();
                toMain.send(List.of(self.pid(), self.debugName(), ProcessHandle.current().pid()));
            }, fromWorker.sendPort(), IsolateOptions.builder().debugName("ports-probe").build()).get(60, SECONDS);

            List<?> report = assertInstanceOf(List.class, fromWorker.receive(WAIT));
            assertEquals(worker.pid(), report.get(0), "Isolates.current().pid() in the worker");
            assertEquals(report.get(2), report.get(0), "the worker's own JVM");
            assertEquals(InProcessMode.on(), ProcessHandle.current().pid() == (long) (Long) report.get(0), "an isolate has a JVM of its own, but in-process");
            assertEquals("ports-probe", report.get(1));
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    @Test
    void shouldLetWorkerSpawnNestedIsolateThatAnswersMainDirectly() throws Exception {
        try (ReceivePort fromIsolates = new ReceivePort("nested-reports")) {
            Isolate outer = Isolates.spawn((SendPort toMain) -> {
                Isolate nested = Isolates.spawn((SendPort target) -> target.send(
                        List.of("nested", ProcessHandle.current().pid(), Isolates.current().pid())), toMain,
                        IsolateOptions.builder().debugName("nested").build()).get(60, SECONDS);
                toMain.send(List.of("spawned", nested.pid(), nested.debugName()));
                IsolateExit exit = nested.onExit().get(60, SECONDS);
                toMain.send(List.of("nested ended", exit.reason()));
            }, fromIsolates.sendPort()).get(60, SECONDS);

            Map<Object, List<?>> byTag = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                List<?> m = assertInstanceOf(List.class, fromIsolates.receive(WAIT));
                byTag.put(m.get(0), m);
            }
            long nestedPid = (Long) byTag.get("spawned").get(1);
            assertEquals("nested", byTag.get("spawned").get(2));
            assertEquals(List.of("nested", nestedPid, nestedPid), byTag.get("nested"),
                    "the nested isolate answered main itself, from its own JVM");
            assertEquals(InProcessMode.on(), outer.pid() == nestedPid, "an isolate has a JVM of its own, but in-process");
            assertEquals(InProcessMode.on(), ProcessHandle.current().pid() == nestedPid, "an isolate has a JVM of its own, but in-process");
            assertEquals(List.of("nested ended", "completed"), byTag.get("nested ended"));
            assertEquals("completed", outer.onExit().get(60, SECONDS).reason());
            assertTrue(InProcessMode.on() || Processes.awaitGone(nestedPid, WAIT), "the nested isolate's JVM ended");
        }
    }

    @Test
    void shouldTellWorkerHowNestedIsolateEndedWhenItAsksAfterTheEnd() throws Exception {
        try (ReceivePort fromOuter = new ReceivePort("late-watch")) {
            Isolate outer = Isolates.spawn((SendPort toMain) -> {
                try (ReceivePort ended = new ReceivePort("nested-ended")) {
                    Isolate nested = Isolates.spawn((SendPort last) -> Isolates.exit(last, "last word"),
                            ended.sendPort(),
                            IsolateOptions.builder().debugName("ends-first").onExit(ended.sendPort(), "gone").build())
                            .get(60, SECONDS);
                    Set<Object> heard = Set.of(ended.receive(WAIT), ended.receive(WAIT));
                    if (!heard.equals(Set.of("last word", "gone"))) {
                        throw new AssertionError("the nested isolate's port heard " + heard);
                    }
                    // the exit listener has heard, so the isolate is gone before onExit is first asked
                    IsolateExit exit = nested.onExit().get(60, SECONDS);
                    toMain.send(List.of(exit.reason(), exit.exitCode()));
                }
            }, fromOuter.sendPort()).get(60, SECONDS);

            assertEquals(List.of("Isolate.exit", 0), fromOuter.receive(WAIT),
                    "the reason and code of an isolate that ended before it was watched");
            assertEquals("completed", outer.onExit().get(60, SECONDS).reason());
        }
    }

    private static byte[] large(int seed) {
        byte[] b = new byte[LARGE];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }
}
