package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDocumentTest {
    private static final int DOCUMENTS = 2000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyRandomDocumentGivesJacksonsTreeItsNumbersAsWrittenAndItsTextBack() throws IOException {
        RandomJson generator = new RandomJson(12);
        for (int d = 0; d < DOCUMENTS; d++) {
            RandomJson.Document generated = generator.next();
            String context = "document " + d + ": " + abbreviated(generated.text());
            JsonNode expected = MAPPER.readTree(generated.bytes());
            try (JsonDocument doc = JsonDocument.parse(generated.bytes())) {
                JsonValue root = doc.root();
                assertEquals(expected, TreeFromTape.of(root), context);
                assertEquals(expected, MAPPER.readTree(root.toString()), context);

                List<JsonValue> numbers = new ArrayList<>();
                TreeFromTape.numbers(root, numbers);
                assertEquals(generated.numbers().size(), numbers.size(), context);
                for (int n = 0; n < numbers.size(); n++) {
                    String written = generated.numbers().get(n);
                    JsonValue number = numbers.get(n);
                    assertEquals(new BigDecimal(written), number.asBigDecimal(), context + ", number " + written);
                    assertEquals(Double.parseDouble(written), number.asDouble(), context + ", number " + written);
                    if (number.isIntegral()) {
                        assertEquals(new BigInteger(written), number.asBigInteger(), context + ", number " + written);
                    }
                }
            }
        }
    }

    @Test
    void aByteArrayAFileAndAStreamGiveTheSameTape() throws IOException {
        RandomJson generator = new RandomJson(34);
        Path file = dir.resolve("doc.json");
        for (int d = 0; d < 300; d++) {
            byte[] json = generator.next().bytes();
            Files.write(file, json);
            try (JsonDocument fromBytes = JsonDocument.parse(json);
                 JsonDocument fromFile = JsonDocument.parse(file);
                 JsonDocument fromStream = JsonDocument.parse(new ByteArrayInputStream(json));
                 JsonDocument fromTrickle = JsonDocument.parse(new Trickle(json, 1 + d % 13))) {
                byte[] tape = fromBytes.tapeBytesCopy();
                assertEquals(tape.length, fromBytes.tapeBytes());
                assertArrayEquals(tape, fromFile.tapeBytesCopy(), "document " + d);
                assertArrayEquals(tape, fromStream.tapeBytesCopy(), "document " + d);
                assertArrayEquals(tape, fromTrickle.tapeBytesCopy(), "document " + d);
            }
        }
    }

    @Test
    void everyEncodingJacksonDetectsGivesTheTapeOfTheUtf8() throws IOException {
        String json = "{\"plain\": \"printable ascii, copied as it is\", \"short\": \"abc\", \"escaped\": \"a\\\"b\\\\c\\n\","
                + " \"unicode\": \"ünïcödé ☃ \uD83D\uDE00\", \"n\": [1, -2.5, 3e4]}";
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        byte[] tape;
        try (JsonDocument doc = JsonDocument.parse(utf8)) {
            tape = doc.tapeBytesCopy();
            assertEquals(MAPPER.readTree(utf8), TreeFromTape.of(doc.root()));
        }
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        List<byte[]> encodings = List.of(concat(bom, utf8), json.getBytes(StandardCharsets.UTF_16BE),
                json.getBytes(StandardCharsets.UTF_16LE), json.getBytes(StandardCharsets.UTF_16),
                json.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
        for (byte[] encoded : encodings) {
            try (JsonDocument fromBytes = JsonDocument.parse(encoded);
                 JsonDocument fromStream = JsonDocument.parse(new ByteArrayInputStream(encoded));
                 JsonDocument fromTrickle = JsonDocument.parse(new Trickle(encoded, 3))) {
                assertArrayEquals(tape, fromBytes.tapeBytesCopy());
                assertArrayEquals(tape, fromStream.tapeBytesCopy());
                assertArrayEquals(tape, fromTrickle.tapeBytesCopy());
            }
        }
    }

    @Test
    void stringsOfPrintableAsciiAtEveryLengthAndPlaceComeBackUnchanged() throws IOException {
        StringBuilder json = new StringBuilder("[");
        List<String> expected = new ArrayList<>();
        for (int length = 0; length < 40; length++) {
            for (char last : new char[] {' ', '~', 'x'}) {
                String s = "abcdefghijklmnopqrstuvwxyz0123456789!#$%&'()*+,-./:;<=>?@[]^_`{|}".substring(0, length)
                        + (length > 0 ? String.valueOf(last) : "");
                expected.add(s);
                json.append(expected.size() > 1 ? "," : "").append('"').append(s).append('"');
            }
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 5, 8, 4000, Integer.MAX_VALUE}) {
            InputStream in = chunk == Integer.MAX_VALUE ? new ByteArrayInputStream(bytes) : new Trickle(bytes, chunk);
            try (JsonDocument fromStream = JsonDocument.parse(in); JsonDocument fromBytes = JsonDocument.parse(bytes)) {
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.get(i), fromStream.root().get(i).asText(), "string " + i + ", read " + chunk + " at a time");
                    assertEquals(expected.get(i), fromBytes.root().get(i).asText(), "string " + i);
                }
            }
        }
    }

    @Test
    void aDocumentAfterALargeOneAndAfterABrokenOneHasItsOwnTape() throws IOException {
        StringBuilder large = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            large.append(i == 0 ? "" : ",").append("{\"k").append(i % 5000).append("\": \"value number ").append(i).append("\"}");
        }
        byte[] largeBytes = large.append(']').toString().getBytes(StandardCharsets.UTF_8);
        byte[] small = "{\"k1\": [1, 2.5, \"a longer string\"], \"k7\": {\"k1\": null}}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = "{\"k1\": [1, 2, {\"k9\": tru".getBytes(StandardCharsets.UTF_8);
        byte[] expected;
        try (JsonDocument first = JsonDocument.parse(small)) {
            expected = first.tapeBytesCopy();
        }
        for (int round = 0; round < 3; round++) {
            try (JsonDocument doc = JsonDocument.parse(largeBytes)) {
                assertEquals(MAPPER.readTree(largeBytes), TreeFromTape.of(doc.root()));
            }
            assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> JsonDocument.parse(broken));
            try (JsonDocument doc = JsonDocument.parse(small)) {
                assertArrayEquals(expected, doc.tapeBytesCopy(), "round " + round);
                assertEquals(MAPPER.readTree(small), TreeFromTape.of(doc.root()));
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void parsingAStreamLeavesItOpen() throws IOException {
        Trickle in = new Trickle("{\"a\": [1, 2]}".getBytes(StandardCharsets.UTF_8), 4);
        try (JsonDocument doc = JsonDocument.parse(in)) {
            assertEquals(2, doc.root().get("a").size());
        }
        assertFalse(in.closed, "parse(InputStream) closed the caller's stream");
        in.close();
    }

    @Test
    void aDecimalADoubleWouldRoundKeepsItsDigits() throws IOException {
        String[] exact = {"0.1000000000000000055511151231257827", "0.1", "12.50", "-0.0", "1.000000000000000000000000001",
            "123456789012345678901234567890.123456789", "1E-7", "2.5e+3", "-0", "18446744073709551617"};
        for (String text : exact) {
            try (JsonDocument doc = JsonDocument.parse(("[" + text + "]").getBytes(StandardCharsets.UTF_8))) {
                JsonValue number = doc.root().get(0);
                BigDecimal value = number.asBigDecimal();
                assertEquals(new BigDecimal(text), value, text);
                assertEquals(new BigDecimal(text).scale(), value.scale(), text);
                assertEquals("[" + text + "]", doc.root().toString());
            }
        }
    }

    @Test
    void aLoneSurrogateAndAnAstralCharacterComeBackUnchanged() throws IOException {
        String json = "[\"\\ud800\", \"\\uDFFF x\", \"\\ud83d\\ude00\", \"\uD83D\uDE00\", \"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\\\/\"]";
        try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8))) {
            JsonValue root = doc.root();
            assertEquals("\uD800", root.get(0).asText());
            assertEquals("\uDFFF x", root.get(1).asText());
            assertEquals("\uD83D\uDE00", root.get(2).asText());
            assertEquals("\uD83D\uDE00", root.get(3).asText());
            assertEquals("\u0000\u001f\b\f\n\r\t\"\\/", root.get(4).asText());
            assertEquals(MAPPER.readTree(json), MAPPER.readTree(root.toString()));
        }
    }

    @Test
    void aClosedDocumentRefusesReads() throws IOException {
        JsonDocument doc = JsonDocument.parse("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        JsonValue a = doc.root().get("a");
        doc.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, doc::root);
        assertEquals("this JsonDocument is closed", e.getMessage());
        assertThrows(IllegalStateException.class, a::asLong);
        doc.close(); // a second close does nothing
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    /** A stream that hands out a few bytes a read, and remembers whether it was closed. */
    private static final class Trickle extends FilterInputStream {
        private final int most;
        private boolean closed;

        Trickle(byte[] bytes, int most) {
            super(new ByteArrayInputStream(bytes));
            this.most = most;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, most));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
