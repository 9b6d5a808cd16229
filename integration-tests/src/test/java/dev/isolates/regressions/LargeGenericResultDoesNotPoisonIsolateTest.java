package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.Isolate;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10, item 1: in a pool of 1, a result whose generic field held a few MiB overflowed the
 * inline buffer and left the isolate's Kryo with stale generic types; every later send of that
 * isolate failed as "unsendable" ({@code Integer cannot be cast to String}). Large and small
 * values with generic fields alternate here in every direction: results, tasks, and port messages
 * both ways.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class LargeGenericResultDoesNotPoisonIsolateTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** An object with a generic field, as a task would return it. */
    static final class Report implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<String, String> entries = new HashMap<>();

        @Override
        public boolean equals(Object o) {
            return o instanceof Report r && entries.equals(r.entries);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entries);
        }
    }

    record Table(String name, List<List<Integer>> rows, Map<String, List<Long>> index) implements Serializable {
    }

    record Wrapper(String label, Report report, List<Table> tables) implements Serializable {
    }

    /** About 3 MB: 100,000 entries, as in the issue. */
    static Report largeReport() {
        Report r = new Report();
        for (int i = 0; i < 100_000; i++) {
            r.entries.put("key-" + i, "value-" + i);
        }
        return r;
    }

    static Table table(int rows) {
        List<List<Integer>> list = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            list.add(List.of(i * 1000, i * 1000 + 1, i * 1000 + 2));
        }
        return new Table("t" + rows, list, Map.of("k", List.of((long) rows)));
    }

    static Map<String, Object> small() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1));
        return m;
    }

    /** The values that alternate: large ones above 1 MiB, small ones below, all with generic fields. */
    static List<Object> alternating() {
        Report smallReport = new Report();
        smallReport.entries.put("k", "v");
        return List.of(largeReport(), small(), table(200_000), smallReport,
                new Wrapper("nested", largeReport(), List.of(table(10))), table(3), largeReport(), small());
    }

    @Test
    void shouldAnswerEveryLaterTaskAfterALargeGenericResult() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            assertEquals(largeReport(), pool.submit(LargeGenericResultDoesNotPoisonIsolateTest::largeReport)
                    .get(WAIT.toSeconds(), SECONDS));
            for (int i = 0; i < 10; i++) {
                assertEquals(small(), pool.submit(LargeGenericResultDoesNotPoisonIsolateTest::small)
                        .get(WAIT.toSeconds(), SECONDS), "task " + i + " after the large result");
            }
            List<Object> expected = alternating();
            for (int i = 0; i < expected.size(); i++) {
                int at = i;
                assertEquals(expected.get(i), pool.submit(() -> alternating().get(at)).get(WAIT.toSeconds(), SECONDS),
                        "result " + i);
            }
        }
    }

    @Test
    void shouldCarryLargeAndSmallGenericTasksOneAfterAnother() throws Exception {
        try (IsolatePool pool = IsolatePool.create(1)) {
            for (Object value : alternating()) {
                assertEquals(value.hashCode(), (int) pool.submit(() -> value.hashCode()).get(WAIT.toSeconds(), SECONDS),
                        "a task capturing " + value.getClass().getSimpleName());
            }
        }
    }

    @Test
    void shouldCarryLargeAndSmallGenericPortMessagesBothWays() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("echoes")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort requests = new ReceivePort("requests");
                toMain.send(requests.sendPort());
                requests.listen(message -> {
                    if ("stop".equals(message)) {
                        requests.close();
                        return;
                    }
                    toMain.send(message); // back through the worker's own writer
                });
            }, fromWorker.sendPort()).get(WAIT.toSeconds(), SECONDS);
            try {
                SendPort toWorker = (SendPort) fromWorker.receive(WAIT);
                List<Object> values = alternating();
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < values.size(); i++) {
                        toWorker.send(values.get(i));
                        assertEquals(values.get(i), fromWorker.receive(WAIT), "round " + round + ", message " + i);
                    }
                }
                toWorker.send("stop");
                assertEquals(0, worker.onExit().get(WAIT.toSeconds(), SECONDS).exitCode());
            } finally {
                worker.kill(); // harmless once it has ended
            }
        }
    }
}
