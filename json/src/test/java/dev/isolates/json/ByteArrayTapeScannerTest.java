package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteArrayTapeScannerTest {

    /** The tape Jackson's tokens give, through a stream (which the scanner never takes), or null if Jackson refuses. */
    private static byte[] jacksonsTape(byte[] json) throws IOException {
        try (JsonDocument doc = JsonDocument.parse(new ByteArrayInputStream(json))) {
            return doc.tapeBytesCopy();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The scanner's tape, or null if it leaves the input to Jackson. */
    private static byte[] scannedTape(byte[] json) throws IOException {
        try (JsonDocument doc = JsonDocument.scanned(json)) {
            return doc == null ? null : doc.tapeBytesCopy();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scansRandomDocumentsToTheTapeJacksonsTokensGive() throws IOException {
        RandomJson generator = new RandomJson(78);
        int scanned = 0;
        int documents = 400;
        for (int d = 0; d < documents; d++) {
            byte[] json = generator.next().bytes();
            byte[] expected = jacksonsTape(json);
            byte[] tape = scannedTape(json);
            if (tape != null) {
                scanned++;
                assertArrayEquals(expected, tape, () -> "document " + new String(json, StandardCharsets.UTF_8));
            }
        }
        // the generator writes byte order marks and scalar roots, which are left to Jackson; most
        // documents have neither
        assertTrue(scanned > documents / 2, "scanned only " + scanned + " of " + documents);
    }

    @Test
    void scansEscapesAndEveryLengthOfUtf8ToJacksonsTape() throws IOException {
        String[] texts = {"", "a", "abcdefg", "abcdefgh", "\\n", "\\u0000", "\\u0041\\u00e9", "\\ud83d\\ude00", "é", "€",
            "😀", "a\\\"b", "\\\\", "\\/", "tab\\there", "\\b\\f\\r", "ü€😀 mixed \\u20AC", "\u007f",
            "\\ud800", "\\udc00\\ud800", "\\ud800\\ud800\\udc00", "\\ud800x", "\\ud83d"};
        for (String text : texts) {
            for (String json : new String[] {"[\"" + text + "\"]", "{\"" + text + "\":\"" + text + "\"}",
                "{\"" + text + "\":1,\"x\":{\"" + text + "\":2}}"}) {
                byte[] bytes = utf8(json);
                byte[] tape = scannedTape(bytes);
                assertNotNull(tape, json);
                assertArrayEquals(jacksonsTape(bytes), tape, json);
            }
        }
    }

    @Test
    void numbersGetTheWordsJacksonsNumberTypesGive() throws IOException {
        String[] numbers = {"0", "-0", "7", "-7", "2147483647", "-2147483648", "2147483648", "36028797018963967",
            "36028797018963968", "-36028797018963969", "999999999999999999", "-999999999999999999", "0.0", "-0.0",
            "1.5", "-12.25", "140737488355327.5", "140737488355328.5", "0.000000000000000001", "1.0000000000000000001",
            "1e5", "1E+5", "-1e-5", "2.5e300", "1e400", "0e0", "123456789012345678.5", "1234567890123456789",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
            "12345678901234567890123", "-340282366920938463463374607431768211456"};
        StringBuilder all = new StringBuilder("[");
        for (String n : numbers) {
            byte[] bytes = utf8("[" + n + "]");
            byte[] tape = scannedTape(bytes);
            assertNotNull(tape, n);
            assertArrayEquals(jacksonsTape(bytes), tape, n);
            all.append(all.length() > 1 ? "," : "").append(n);
        }
        byte[] bytes = utf8(all + "]");
        assertArrayEquals(jacksonsTape(bytes), scannedTape(bytes));
    }

    @Test
    void namesGetOneKeyEachInWhateverOrderTheyCome() throws IOException {
        String json = "[{\"a\":1,\"ab\":2,\"abc\":3,\"abcdefghij\":4},{\"abcdefghij\":5,\"a\":6},{\"ab\":7,\"abc\":8},"
                + "{\"\\u0061\":9,\"a\\u0062\":10},{\"a\":{\"a\":{\"a\":11}}},{\"abcdefghi\":12,\"abcdefghij\":13},"
                + "{\"abcdefghijk\":14},{\"a\":15,\"ab\":16,\"abc\":17,\"abcdefghij\":18}]";
        byte[] bytes = utf8(json);
        byte[] tape = scannedTape(bytes);
        assertNotNull(tape);
        assertArrayEquals(jacksonsTape(bytes), tape);
        try (JsonDocument doc = JsonDocument.scanned(bytes)) {
            assertEquals(9, doc.root().get(3).get("a").asInt());
            assertEquals(10, doc.root().get(3).get("ab").asInt());
            assertEquals(13, doc.root().get(5).get("abcdefghij").asInt());
        }
    }

    @Test
    void leavesToJacksonWhatItDoesNotTake() throws IOException {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        String longName = "{\"" + "n".repeat(50_001) + "\":1}";
        String[] inputs = {"\uFEFF{}", "1", "\"a\"", "true", "[01]", "[-01]", "[\"\\a\"]", "[\"\\u12\"]", "[\"a\u0001\"]", "[1,]", "{\"a\":1,}", "{} x", "{}{}", "[",
            "[1", "{\"a\"", "{\"a\":", "[1x]", "[tru]", "[truex]", "[-]", "[1.]", "[1e]", "[1e+]", "[.5]", "[+1]", "[NaN]",
            "{\"a\" 1}", "{1:2}", "[\"abc", deep, longName, "[1]/* comment */", "{'a':1}"};
        for (String input : inputs) {
            byte[] bytes = utf8(input);
            assertNull(scannedTape(bytes), () -> "scanned " + input.substring(0, Math.min(40, input.length())));
        }
        byte[][] raw = {{'[', '"', (byte) 0xC0, (byte) 0x80, '"', ']'}, {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'},
            {'[', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', ']'}, {'[', '"', (byte) 0xE2, (byte) 0x82, '"', ']'},
            {'[', '"', (byte) 0xFF, '"', ']'}, "[1]".getBytes(StandardCharsets.UTF_16BE)};
        for (byte[] bytes : raw) {
            assertNull(scannedTape(bytes), Arrays.toString(bytes));
        }
    }

    @Test
    void whatItLeavesToJacksonParsesAsJacksonParsesIt() throws IOException {
        for (String input : new String[] {"[01]", "[1,]", "{} x", "[\"\\a\"]", "\uFEFF[1]", "1"}) {
            byte[] bytes = utf8(input);
            byte[] expected = jacksonsTape(bytes);
            try (JsonDocument doc = JsonDocument.parse(bytes)) {
                assertArrayEquals(expected, doc.tapeBytesCopy(), input);
            } catch (JsonProcessingException e) {
                assertNull(expected, input);
                try {
                    JsonDocument.parse(new ByteArrayInputStream(bytes)).close();
                    fail("Jackson read " + input);
                } catch (JsonProcessingException fromStream) {
                    assertEquals(fromStream.getOriginalMessage(), e.getOriginalMessage(), input);
                    assertEquals(fromStream.getLocation().getLineNr(), e.getLocation().getLineNr(), input);
                    assertEquals(fromStream.getLocation().getColumnNr(), e.getLocation().getColumnNr(), input);
                }
            }
        }
    }

    @Test
    void acceptsNoMutatedDocumentJacksonRefusesAndGivesItsTapeForTheRest() throws IOException {
        RandomJson generator = new RandomJson(91);
        SplittableRandom random = new SplittableRandom(92);
        byte[] alphabet = utf8("{}[]\":,.-+eE0123456789tfnul \\/\"abc\u00e9");
        int scanned = 0;
        int refused = 0;
        for (int d = 0; d < 60; d++) {
            byte[] json = generator.next().bytes();
            if (json.length > 4000) {
                continue;
            }
            for (int m = 0; m < 40; m++) {
                byte[] mutated = mutate(json, random, alphabet);
                byte[] expected = jacksonsTape(mutated);
                byte[] tape = scannedTape(mutated);
                if (tape != null) {
                    scanned++;
                    assertNotNull(expected, () -> "scanned what Jackson refuses: " + new String(mutated, StandardCharsets.UTF_8));
                    assertArrayEquals(expected, tape, () -> new String(mutated, StandardCharsets.UTF_8));
                } else if (expected == null) {
                    refused++;
                }
            }
        }
        assertTrue(scanned > 100 && refused > 100, "scanned " + scanned + ", refused " + refused);
    }

    /** One to three bytes changed, dropped or added. */
    private static byte[] mutate(byte[] json, SplittableRandom random, byte[] alphabet) {
        byte[] out = json;
        for (int k = 1 + random.nextInt(3); k > 0 && out.length > 0; k--) {
            int at = random.nextInt(out.length);
            byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(3)) {
                case 0 -> {
                    out = out.clone();
                    out[at] = b;
                }
                case 1 -> {
                    byte[] shorter = new byte[out.length - 1];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                    out = shorter;
                }
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
