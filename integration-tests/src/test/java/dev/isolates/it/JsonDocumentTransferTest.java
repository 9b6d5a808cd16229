package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.IsolatePool;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import dev.isolates.json.JsonDocument;
import dev.isolates.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link JsonDocument} parsed in a worker comes back as a handle to the worker's transfer arena:
 * the main JVM reads the same shared memory in place, and closing the document (or losing it to the
 * garbage collector) frees the arena slot. Documents also travel between spawned workers.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class JsonDocumentTransferTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final int ITEMS = 30_000; // about 4.5 MB of text
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path orders;
    static String text;

    @BeforeAll
    static void writeDocument() throws Exception {
        text = JsonTestFiles.orders("A-17", ITEMS);
        orders = JsonTestFiles.write(dir.resolve("orders.json"), text);
        assertTrue(text.length() > 4_000_000, "several MB: " + text.length());
    }

    /** Checks values read in place against Jackson's tree of the same text. */
    static void assertSameAsJackson(JsonDocument doc) throws Exception {
        JsonValue root = doc.root();
        assertEquals("A-17", root.get("order").asText());
        assertEquals(ITEMS, root.get("items").size());
        JsonValue item = root.at("/items/12345");
        assertEquals(12345, item.get("id").asInt());
        assertEquals("item-12345 caf\u00e9 \"4\"", item.get("name").asText());
        assertEquals(new BigDecimal("45.50"), item.get("price").asBigDecimal(), "the digits as written");
        assertEquals(new BigInteger("1234567890123456789012312345"), item.get("big").asBigInteger());
        assertEquals(-12345.5e3, item.at("/tags/3/1").asDouble());
        assertEquals(JSON.readTree(text), JSON.readTree(root.toString()), "every value");
    }

    @Test
    void shouldReadADocumentFromAPoolWorkerInPlaceInItsArenaUntilClosed() throws Exception {
        String path = orders.toString();
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            JsonDocument doc = pool.submit(() -> JsonDocument.parse(Path.of(path))).get(60, SECONDS);
            long tape = doc.tapeBytes();
            try {
                assertTrue(tape > 4_000_000, "the tape: " + tape);
                assertEquals(1, SessionArenas.held(tape), "the tape came as a handle to a slot of the worker's arena, "
                        + "held while the document is open: " + SessionArenas.sentLengths());
                assertSameAsJackson(doc);
            } finally {
                doc.close();
            }
            assertEquals(0, SessionArenas.held(tape), "closing frees the slot: " + SessionArenas.sentLengths());

            JsonDocument again = pool.submit(() -> JsonDocument.parse(Path.of(path))).get(60, SECONDS);
            try (again) {
                assertEquals(tape, again.tapeBytes());
                assertEquals(1, SessionArenas.held(tape), SessionArenas.sentLengths().toString());
                assertEquals(12345, again.root().at("/items/12345/id").asLong());
            }
            assertEquals(0, SessionArenas.held(tape), SessionArenas.sentLengths().toString());
        }
    }

    @Test
    void shouldReadADocumentReturnedByIsolatesRunAfterItsIsolateEnded() throws Exception {
        String path = orders.toString();
        JsonDocument doc = Isolates.run(() -> JsonDocument.parse(Path.of(path))).get(60, SECONDS);
        long tape = doc.tapeBytes();
        try (doc) {
            assertEquals(1, SessionArenas.held(tape), SessionArenas.sentLengths().toString());
            assertSameAsJackson(doc);
        }
        assertEquals(0, SessionArenas.held(tape), SessionArenas.sentLengths().toString());
    }

    @Test
    void shouldFreeTheArenaSlotOfADocumentThatIsCollectedUnclosed() throws Exception {
        String path = orders.toString();
        try (IsolatePool pool = IsolatePool.builder().size(1).build()) {
            long tape = readAndDrop(pool, path);
            assertEquals(0, SessionArenas.awaitHeldAtMost(tape, 0, Duration.ofSeconds(30), true),
                    "the garbage collector freed the slot of the unreachable document: " + SessionArenas.sentLengths());
        }
    }

    /** Reads a document from a worker and drops it unclosed; its tape's size. */
    private static long readAndDrop(IsolatePool pool, String path) throws Exception {
        JsonDocument doc = pool.submit(() -> JsonDocument.parse(Path.of(path))).get(60, SECONDS);
        assertEquals(1, SessionArenas.held(doc.tapeBytes()), SessionArenas.sentLengths().toString());
        assertEquals(ITEMS, doc.root().get("items").size());
        return doc.tapeBytes();
    }

    @Test
    void shouldSendADocumentFromOneSpawnedWorkerToAnotherAndOnToTheMainIsolate() throws Exception {
        String path = orders.toString();
        try (ReceivePort fromReader = new ReceivePort("from-reader")) {
            Isolates.spawn((SendPort toMain) -> {
                ReceivePort documents = new ReceivePort("documents");
                toMain.send(documents.sendPort());
                JsonDocument doc = (JsonDocument) documents.receive(Duration.ofSeconds(60));
                documents.close();
                JsonValue item = doc.root().at("/items/777");
                String seen = item.get("name").asText() + " " + item.get("price").asBigDecimal() + " of "
                        + doc.root().get("items").size();
                toMain.send(List.of(seen, doc)); // read here, so it goes on as a copy
            }, fromReader.sendPort()).get(60, SECONDS);
            SendPort toReader = (SendPort) fromReader.receive(WAIT);

            Isolates.spawn((SendPort reader) -> reader.send(JsonDocument.parse(Path.of(path))), toReader).get(60, SECONDS);

            List<?> answer = assertInstanceOf(List.class, fromReader.receive(WAIT));
            assertEquals("item-777 caf\u00e9 \"0\" 77.70 of " + ITEMS, answer.get(0), "what the second worker read");
            try (JsonDocument doc = assertInstanceOf(JsonDocument.class, answer.get(1))) {
                assertSameAsJackson(doc);
            }
        }
    }
}
