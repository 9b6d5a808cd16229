package dev.isolates.json;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A document from an untrusted isolate (a plugin) is decoded, its only content being a transfer
 * handle, and its tape is checked before anything reads it: a hostile tape is refused clearly.
 */
class UntrustedTapeTest {
    private static final IsolateOptions UNTRUSTED = IsolateOptions.builder().untrusted(true)
            .timeout(Duration.ofSeconds(60)).build();
    private static final byte[] JSON = "{\"id\": 7, \"tags\": [\"a\", \"b\"], \"price\": 12.50}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aDocumentParsedInAnUntrustedIsolateIsReadInTheMainIsolate() throws Exception {
        byte[] json = JSON;
        try (JsonDocument doc = Isolates.run(() -> JsonDocument.parse(json), UNTRUSTED).get(90, SECONDS)) {
            assertEquals(7, doc.root().get("id").asLong());
            assertEquals("b", doc.root().at("/tags/1").asText());
            assertEquals("12.50", doc.root().get("price").asBigDecimal().toString());
        }
    }

    @Test
    void aHostileTapeFromAnUntrustedIsolateIsRefusedBeforeItIsRead() throws Exception {
        byte[] tape;
        try (JsonDocument local = JsonDocument.parse(JSON)) {
            tape = local.tapeBytesCopy();
        }
        // the root object's span: far past the end of the tape
        ByteBuffer.wrap(tape).order(ByteOrder.LITTLE_ENDIAN).putLong(TapeDescriptor.HEADER_BYTES,
                TapeDescriptor.container(TapeDescriptor.OBJECT, 3, 1_000_000));
        byte[] hostile = tape;
        try (JsonDocument doc = Isolates.run(() -> JsonDocument.ofTapeBytes(hostile), UNTRUSTED).get(90, SECONDS)) {
            CorruptTapeException e = assertThrows(CorruptTapeException.class, doc::root);
            assertTrue(e.getMessage().contains("1000000"), e.getMessage());
        }
    }
}
