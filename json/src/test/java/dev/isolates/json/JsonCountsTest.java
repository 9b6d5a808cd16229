package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class JsonCountsTest {
    @Test
    void shouldCountEveryValueKeyAndLevelOfADocument() throws IOException {
        try (JsonDocument doc = parse("{\"a\": [1, {\"b\": null}], \"c\": {}, \"d\": \"text\"}")) {
            assertEquals(new JsonCounts(7, 4, 3), doc.root().counts());
            assertEquals(new JsonCounts(4, 1, 2), doc.root().get("a").counts());
            assertEquals(new JsonCounts(1, 0, 1), doc.root().get("c").counts());
        }
    }

    @Test
    void shouldCountAScalarAsOneValueAtDepthZero() throws IOException {
        try (JsonDocument doc = parse("123456789012345678901234567890")) {
            assertEquals(new JsonCounts(1, 0, 0), doc.root().counts());
        }
        try (JsonDocument doc = parse("[1.5e300, 9223372036854775807, 0.000000000000000001]")) {
            assertEquals(new JsonCounts(1, 0, 0), doc.root().get(1).counts());
            assertEquals(new JsonCounts(4, 0, 1), doc.root().counts());
        }
    }

    @Test
    void shouldCountWhatAWalkOverEveryValueCounts() throws IOException {
        RandomJson random = new RandomJson(20261207L);
        for (int n = 0; n < 300; n++) {
            RandomJson.Document generated = random.next();
            try (JsonDocument doc = JsonDocument.parse(generated.bytes())) {
                JsonValue root = doc.root();
                assertEquals(walk(root), root.counts(), generated.text());
                for (JsonValue child : containers(root)) {
                    assertEquals(walk(child), child.counts(), child.pointer());
                }
            }
        }
    }

    @Test
    void shouldCountDeeperThanItsFirstGuessOfNesting() throws IOException {
        String deep = "[".repeat(500) + "]".repeat(500);
        try (JsonDocument doc = parse(deep)) {
            assertEquals(new JsonCounts(500, 0, 500), doc.root().counts());
        }
    }

    @Test
    void shouldCountBytesAsTheirParsedDocumentCountsWithOrWithoutTheScanner() throws IOException {
        RandomJson random = new RandomJson(7L);
        int scanned = 0;
        for (int n = 0; n < 300; n++) {
            byte[] bytes = random.next().bytes();
            JsonCounts parsed;
            try (JsonDocument doc = JsonDocument.parse(bytes)) {
                parsed = doc.root().counts();
            }
            assertEquals(parsed, JsonCounts.of(bytes), new String(bytes, StandardCharsets.UTF_8));
            TokenCounter counter = new TokenCounter();
            if (new ByteArrayTapeScanner(bytes, 0, bytes.length, counter).scan()) {
                scanned++;
                assertEquals(parsed, counter.counts(), new String(bytes, StandardCharsets.UTF_8));
            }
        }
        assertTrue(scanned > 100, "the scanner took " + scanned + " of 300 documents");
    }

    @Test
    void shouldFailBytesThatAreNotOneValueWithParsesError() {
        for (String bad : new String[] {"", "{\"a\": }", "[1, 2", "[1] [2]", "{\"a\": 01}", "[\"\\x\"]", "[tru]"}) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            JsonProcessingException parsing = assertThrows(JsonProcessingException.class, () -> JsonDocument.parse(bytes), bad);
            JsonProcessingException counting = assertThrows(JsonProcessingException.class, () -> JsonCounts.of(bytes), bad);
            assertEquals(parsing.getMessage(), counting.getMessage(), bad);
        }
    }

    private static JsonDocument parse(String json) throws IOException {
        return JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Iterable<JsonValue> containers(JsonValue root) {
        JsonType type = root.type();
        return type == JsonType.OBJECT || type == JsonType.ARRAY ? root.elements() : java.util.List.of();
    }

    /** The counts by a cursor for every value, as the API's iterators give them. */
    private static JsonCounts walk(JsonValue root) {
        long values = 0;
        long keys = 0;
        int deepest = 0;
        Deque<Iterator<JsonValue>> open = new ArrayDeque<>();
        JsonValue v = root;
        while (v != null) {
            values++;
            if (v.type() == JsonType.OBJECT || v.type() == JsonType.ARRAY) {
                if (v.type() == JsonType.OBJECT) {
                    keys += v.size();
                }
                open.push(v.elements().iterator());
                deepest = Math.max(deepest, open.size());
            }
            v = null;
            while (!open.isEmpty() && v == null) {
                if (open.peek().hasNext()) {
                    v = open.peek().next();
                } else {
                    open.pop();
                }
            }
        }
        return new JsonCounts(values, keys, deepest);
    }
}
