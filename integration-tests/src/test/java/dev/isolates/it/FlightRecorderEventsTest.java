package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.TransferableBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NoChildProcessLeftBehind.class)
class FlightRecorderEventsTest {
    private static final long WAIT = 60;
    private static final String[] EVENTS = {"dev.isolates.IsolateStarted", "dev.isolates.IsolateEnded",
        "dev.isolates.PoolTask", "dev.isolates.Transfer", "dev.isolates.RestartIntensityExceeded"};
    private static final int BUFFER = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aRecordingSeesIsolatesStartAndEndPoolTasksTransfersAndARestartIntensityExceeded() throws Exception {
        Path file = dir.resolve("isolates.jfr");
        try (Recording recording = new Recording()) {
            for (String event : EVENTS) {
                recording.enable(event).withoutThreshold();
            }
            recording.enable("dev.isolates.PoolTask").with("taskThreshold", "0 ns"); // every task
            recording.start();
            try (TransferableBuffer buffer = Isolates.run(() -> {
                TransferableBuffer b = TransferableBuffer.allocate(BUFFER); // in the isolate's arena: sent as a handle
                b.buffer().put(0, (byte) 1);
                return b;
            }, IsolateOptions.builder().debugName("jfr-run").build()).get(WAIT, SECONDS)) {
                assertEquals(1, buffer.materialize().get(0));
            }
            try (IsolatePool pool = IsolatePool.builder().size(1)
                    .options(IsolateOptions.builder().debugName("jfr-pool").build()).build()) {
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    assertEquals(n, pool.submit(() -> n).get(WAIT, SECONDS));
                }
                CompletableFuture<Integer> failing = pool.submit(() -> {
                    throw new IllegalStateException("refused");
                });
                assertThrows(ExecutionException.class, () -> failing.get(WAIT, SECONDS));
            }
            try (IsolatePool pool = IsolatePool.builder().size(1).maxRestarts(0, Duration.ofSeconds(60))
                    .options(IsolateOptions.builder().debugName("jfr-crashing").build()).build()) {
                List<CompletableFuture<Integer>> crashing = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    crashing.add(pool.submit(() -> {
                        Runtime.getRuntime().halt(9);
                        return 0;
                    }));
                }
                for (CompletableFuture<Integer> task : crashing) {
                    assertThrows(ExecutionException.class, () -> task.get(WAIT, SECONDS));
                }
                assertTrue(pool.isFailed());
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, List<RecordedEvent>> byName = RecordingFile.readAllEvents(file).stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));

        List<RecordedEvent> started = byName.getOrDefault("dev.isolates.IsolateStarted", List.of());
        RecordedEvent run = started.stream().filter(e -> e.getString("debugName").equals("jfr-run")).findFirst().orElseThrow(
                () -> new AssertionError("no start of the run's isolate in " + started));
        assertTrue(run.getLong("pid") > 0, run.toString());
        assertFalse(run.getBoolean("untrusted"), run.toString());
        assertFalse(run.getDuration().isNegative() || run.getDuration().isZero(), run.toString());

        List<RecordedEvent> ended = byName.getOrDefault("dev.isolates.IsolateEnded", List.of());
        assertTrue(ended.stream().anyMatch(e -> e.getString("debugName").equals("jfr-run")
                && e.getLong("pid") == run.getLong("pid") && e.getString("reason").equals("completed")), ended.toString());
        assertTrue(ended.stream().anyMatch(e -> e.getString("debugName").startsWith("jfr-crashing")
                && e.getString("reason").equals("Runtime.halt") && e.getInt("exitCode") == 9), ended.toString());

        List<RecordedEvent> tasks = byName.getOrDefault("dev.isolates.PoolTask", List.of()).stream()
                .filter(e -> e.getString("pool").equals("jfr-pool")).toList();
        assertEquals(3, tasks.stream().filter(e -> e.getString("outcome").equals("done")).count(), tasks.toString());
        assertEquals(1, tasks.stream().filter(e -> e.getString("outcome").equals("failed")).count(), tasks.toString());
        for (RecordedEvent task : tasks) {
            assertEquals(1, task.getInt("attempts"), task.toString());
            assertTrue(task.getLong("runTime") > 0 && task.getLong("queueWait") >= 0, task.toString());
        }

        List<RecordedEvent> transfers = byName.getOrDefault("dev.isolates.Transfer", List.of());
        // the isolate sends the handle; this JVM's recording sees its own sends only
        assertTrue(transfers.isEmpty() || transfers.stream().allMatch(e -> e.getLong("bytes") > 0), transfers.toString());

        List<RecordedEvent> exceeded = byName.getOrDefault("dev.isolates.RestartIntensityExceeded", List.of());
        assertEquals(1, exceeded.size(), exceeded.toString());
        assertEquals("jfr-crashing", exceeded.get(0).getString("pool"));
        assertEquals(0, exceeded.get(0).getInt("maxRestarts"));
        assertEquals(60_000, exceeded.get(0).getLong("period"));
    }

    @Test
    void atItsDefaultTaskThresholdAPoolTaskEventRecordsOnlyTasksThatTookAtLeast20Milliseconds() throws Exception {
        Path file = dir.resolve("threshold.jfr");
        try (IsolatePool pool = IsolatePool.builder().size(1)
                .options(IsolateOptions.builder().debugName("jfr-threshold").build()).build()) {
            assertEquals(0, pool.submit(() -> 0).get(WAIT, SECONDS)); // the isolate is up: later tasks do not wait for it
            try (Recording recording = new Recording()) {
                recording.enable("dev.isolates.PoolTask"); // the event's own task threshold
                recording.start();
                for (int i = 1; i <= 20; i++) {
                    int n = i;
                    assertEquals(n, pool.submit(() -> n).get(WAIT, SECONDS));
                }
                assertEquals(-1, pool.submit(() -> {
                    Thread.sleep(200);
                    return -1;
                }).get(WAIT, SECONDS));
                recording.stop();
                recording.dump(file);
            }
        }
        List<RecordedEvent> tasks = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.isolates.PoolTask"))
                .filter(e -> e.getString("pool").equals("jfr-threshold")).toList();
        assertTrue(tasks.stream().anyMatch(e -> e.getLong("task") == 22 && e.getLong("runTime") >= 200_000_000L
                && e.getLong("totalTime") >= e.getLong("runTime")), "the 200 ms task's event: " + tasks);
        assertTrue(tasks.stream().allMatch(e -> e.getLong("totalTime") >= 20_000_000L), "only tasks of 20 ms or more: "
                + tasks);
    }

    @Test
    void aBufferThisJvmSendsIsATransferEventWithItsSizeAndForm() throws Exception {
        Path file = dir.resolve("transfer.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.isolates.Transfer").withoutThreshold();
            recording.start();
            try (TransferableBuffer sent = TransferableBuffer.allocate(BUFFER)) {
                sent.buffer().put(7, (byte) 3);
                int seen = Isolates.run(() -> (int) sent.materialize().get(7), IsolateOptions.builder().build())
                        .get(WAIT, SECONDS);
                assertEquals(3, seen);
            }
            recording.stop();
            recording.dump(file);
        }
        // a recording gets the events any recording running at the time enables: keep this one's kind
        List<RecordedEvent> transfers = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.isolates.Transfer")).toList();
        assertEquals(1, transfers.size(), transfers.toString());
        assertEquals(BUFFER, transfers.get(0).getLong("bytes"));
        assertTrue(List.of("handle", "copy").contains(transfers.get(0).getString("form")), transfers.toString());
    }
}
