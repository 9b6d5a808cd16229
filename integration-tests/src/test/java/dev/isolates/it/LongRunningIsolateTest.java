package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.Isolate;
import dev.isolates.IsolateExit;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port of Dart's {@code long_running_isolate.dart}: one worker isolate stays up and parses JSON
 * files on request, one reply per file name, until the main isolate sends {@code null}.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class LongRunningIsolateTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int ROUNDS = 5;

    @TempDir
    Path dir;

    /** What the worker sends back for one file: who parsed it, and what it held. */
    record Parsed(String file, long pid, Object json) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void shouldParseEveryRequestedFileInOneIsolateUntilToldToStop() throws Exception {
        List<Path> files = List.of(
                write("object.json", "{\"name\": \"isolate\", \"tags\": [\"jvm\", \"dart\"], \"nested\": {\"depth\": 2}}"),
                write("array.json", "[1, 2.5, -3, true, false, null, \"text\"]"),
                write("unicode.json", "{\"greeting\": \"h\\u00e9llo w\\u00f6rld\", \"empty\": {}, \"list\": []}"),
                write("number.json", "12345678901234"));
        ObjectMapper mapper = new ObjectMapper();

        try (ReceivePort fromWorker = new ReceivePort("parsed")) {
            Isolate worker = Isolates.spawn(LongRunningIsolateTest::parseFilesUntilNull, fromWorker.sendPort())
                    .get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);

            List<String> requested = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (Path file : files) {
                    toWorker.send(file.toString());
                    requested.add(file.toString());
                }
            }
            for (String file : requested) {
                Parsed reply = assertInstanceOf(Parsed.class, fromWorker.receive(WAIT));
                assertEquals(file, reply.file(), "replies come in request order");
                assertEquals(worker.pid(), reply.pid(), "every request is served by the same isolate");
                assertEquals(mapper.readValue(Path.of(file).toFile(), Object.class), reply.json(), file);
            }
            assertNotEquals(ProcessHandle.current().pid(), worker.pid());

            toWorker.send(null);
            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("completed", exit.reason());
            assertEquals(0, exit.exitCode());
            assertFalse(worker.isAlive());
        }
    }

    @Test
    void shouldEndOnStopAfterServingRequests() throws Exception {
        Path file = write("small.json", "{\"a\": [1, {\"b\": \"c\"}]}");
        try (ReceivePort fromWorker = new ReceivePort("parsed")) {
            Isolate worker = Isolates.spawn(LongRunningIsolateTest::parseFilesUntilNull, fromWorker.sendPort())
                    .get(60, SECONDS);
            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);
            toWorker.send(file.toString());
            toWorker.send("stop");

            Parsed reply = assertInstanceOf(Parsed.class, fromWorker.receive(WAIT));
            assertEquals(Map.of("a", List.of(1, Map.of("b", "c"))), reply.json());
            assertEquals("completed", worker.onExit().get(60, SECONDS).reason());
        }
    }

    /** The worker: opens a port, hands it over, and answers each file name until null or "stop". */
    static void parseFilesUntilNull(SendPort toMain) {
        ObjectMapper mapper = new ObjectMapper();
        ReceivePort requests = new ReceivePort("file-names");
        toMain.send(requests.sendPort());
        requests.listen(message -> {
            if (message == null || "stop".equals(message)) {
                requests.close(); // no port is left open: the isolate ends
                return;
            }
            String file = (String) message;
            try {
                toMain.send(new Parsed(file, ProcessHandle.current().pid(),
                        mapper.readValue(Path.of(file).toFile(), Object.class)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Path write(String name, String json) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), json);
    }
}
