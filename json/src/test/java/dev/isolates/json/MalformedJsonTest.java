package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] MALFORMED = {
        // bad literals
        "tru", "nul", "fals", "True", "NULL", "[truex]", "nan", "NaN", "[Infinity]", "-Infinity", "undefined", "[1, tru]",
        // missing colons and commas, trailing and leading commas
        "{\"a\" 1}", "{\"a\"}", "{\"a\" \"b\"}", "{\"a\":}", "[1 2]", "{\"a\":1 \"b\":2}", "[[] []]", "[1,]", "{\"a\":1,}",
        "[,1]", "{,}", "[,]", "[1,,2]",
        // unterminated strings, raw control characters, bad escapes
        "\"abc", "[\"abc]", "{\"a\": \"x", "{\"a", "\"a\u0001b\"", "[\"line\nbreak\"]", "\"\\x\"", "\"\\u12\"",
        "\"\\u12G4\"", "\"\\\"", "\"\\U0041\"", "\"\\'\"", "[\"\\",
        // numbers
        "01", "[00]", "-01", "[1.]", "[.5]", "[1.e5]", "[+1]", "[1e]", "[1e+]", "[-]", "[0x10]", "[1.5.5]", "[--1]", "[1-]",
        // nesting and names
        "[}", "{]", "]", "}", "[1]]", "{\"a\":1}}", "{1: 2}", "{\"a\":1, 2:3}", "{null: 1}", "{a:1}", "['a']",
        "[1 /* c */]", "// x\n1", "[1,\n\n  {\"b\": x}]",
    };

    @TempDir
    Path dir;

    @Test
    void eachMalformedInputIsRefusedWithJacksonsExceptionAndWhereParsingStopped() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        for (String text : MALFORMED) {
            inputs.add(text.getBytes(StandardCharsets.UTF_8));
        }
        inputs.add(new byte[] {'[', (byte) 0xFF, ']'});
        inputs.add(new byte[] {'"', (byte) 0xC3, '"'});
        inputs.add(new byte[] {'"', (byte) 0x80, '"'});
        for (byte[] input : inputs) {
            refusedLikeJackson(input);
            Path file = dir.resolve("malformed.json");
            Files.write(file, input);
            JsonProcessingException fromFile = processingException(new String(input, StandardCharsets.UTF_8),
                    () -> JsonDocument.parse(file));
            assertEquals(refused(input).getOriginalMessage(), fromFile.getOriginalMessage());
        }
    }

    @Test
    void questionableUtf8IsAcceptedOrRefusedAsJacksonDoes() throws IOException {
        byte[][] inputs = {
            {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // an encoded surrogate
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
            {'"', (byte) 0xE2, (byte) 0x82, '"'}, // cut short
        };
        for (byte[] input : inputs) {
            JsonNode expected;
            try {
                expected = MAPPER.readTree(input);
            } catch (JsonProcessingException refusedByJackson) {
                refused(input);
                continue;
            }
            try (JsonDocument doc = JsonDocument.parse(input)) {
                assertEquals(expected, TreeFromTape.of(doc.root()));
                assertEquals(expected, MAPPER.readTree(doc.root().toString()));
            }
        }
    }

    @Test
    void everyPrefixOfADocumentIsRefused() throws IOException {
        RandomJson generator = new RandomJson(56);
        int documents = 0;
        while (documents < 10) {
            String text = generator.next().text().strip();
            if (text.length() < 2 || text.length() > 2000 || "{[".indexOf(text.charAt(0)) < 0) {
                continue;
            }
            documents++;
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int n = 0; n < bytes.length; n++) {
                byte[] prefix = Arrays.copyOf(bytes, n);
                JsonProcessingException e = refused(prefix);
                if (new String(prefix, StandardCharsets.UTF_8).isBlank()) {
                    assertEquals("no JSON value in the input", e.getOriginalMessage());
                }
            }
        }
    }

    @Test
    void emptyInputHasNoValue() throws IOException {
        for (String blank : new String[] {"", " ", "\n\t\r "}) {
            JsonProcessingException e = refused(blank.getBytes(StandardCharsets.UTF_8));
            assertTrue(e instanceof JsonParseException, e.toString());
            assertEquals("no JSON value in the input", e.getOriginalMessage());
        }
    }

    @Test
    void aSecondRootValueIsRefusedWhereItStarts() throws IOException {
        for (String two : new String[] {"1 2", "{} {}", "[] 1", "\"a\" \"b\"", "null null", "{\"a\":1}\n\n  [2]"}) {
            JsonProcessingException e = refusedLikeJackson(two.getBytes(StandardCharsets.UTF_8));
            assertTrue(e instanceof JsonParseException, e.toString());
            assertEquals("more than one JSON value in the input: a second one starts here", e.getOriginalMessage());
        }
        JsonProcessingException e = refused("{\"a\":1}\n\n  [2]".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, e.getLocation().getLineNr());
        assertEquals(3, e.getLocation().getColumnNr());
    }

    @Test
    void theLocationNamesTheLineAndColumn() throws IOException {
        JsonProcessingException e = refused("{\n  \"id\": 7,\n  \"name\" \"no colon\"\n}".getBytes(StandardCharsets.UTF_8));
        JsonLocation where = e.getLocation();
        assertEquals(3, where.getLineNr());
        assertTrue(where.getColumnNr() >= 9 && where.getColumnNr() <= 11, where.toString());
    }

    @Test
    void jacksonsLimitsApply() throws IOException {
        byte[] deep = ("[".repeat(1001) + "]".repeat(1001)).getBytes(StandardCharsets.UTF_8);
        assertTrue(refusedLikeJackson(deep) instanceof StreamConstraintsException);
        byte[] notTooDeep = ("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.UTF_8);
        try (JsonDocument doc = JsonDocument.parse(notTooDeep)) {
            assertEquals(1, doc.root().size());
        }
        int longest = com.fasterxml.jackson.core.StreamReadConstraints.DEFAULT_MAX_STRING_LEN;
        byte[] longString = ("\"" + "a".repeat(longest + 1) + "\"").getBytes(StandardCharsets.US_ASCII);
        assertTrue(refusedLikeJackson(longString) instanceof StreamConstraintsException);
        byte[] longestString = ("\"" + "a".repeat(longest) + "\"").getBytes(StandardCharsets.US_ASCII);
        try (JsonDocument doc = JsonDocument.parse(longestString)) {
            assertEquals(longest, doc.root().asText().length());
        }
        for (String longNumber : new String[] {"1".repeat(1001), "[0." + "1".repeat(1001) + "]", "[-" + "9".repeat(1200) + "]"}) {
            assertTrue(refusedLikeJackson(longNumber.getBytes(StandardCharsets.UTF_8)) instanceof StreamConstraintsException);
        }
    }

    /** Refused by {@code readTree} too, and by {@link #refused} in the same way from every source. */
    private static JsonProcessingException refusedLikeJackson(byte[] input) throws IOException {
        String shown = new String(input, StandardCharsets.UTF_8);
        assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(input), "Jackson accepts " + shown);
        return refused(input);
    }

    /** The exception parse(byte[]) raises, checked to carry a location and to be the same from a stream. */
    private static JsonProcessingException refused(byte[] input) throws IOException {
        String shown = abbreviated(new String(input, StandardCharsets.UTF_8));
        JsonProcessingException fromBytes = processingException(shown, () -> JsonDocument.parse(input));
        JsonProcessingException fromStream = processingException(shown, () -> JsonDocument.parse(new ByteArrayInputStream(input)));
        assertEquals(fromBytes.getClass(), fromStream.getClass(), shown);
        assertEquals(fromBytes.getOriginalMessage(), fromStream.getOriginalMessage(), shown);
        return fromBytes;
    }

    private static JsonProcessingException processingException(String shown, Parse parse) throws IOException {
        try {
            JsonDocument doc = parse.parse();
            doc.close();
            fail("parsed, though malformed: " + shown);
            return null;
        } catch (JsonProcessingException e) {
            assertNotNull(e.getLocation(), () -> "no location in " + e + " for " + shown);
            assertTrue(e.getLocation().getLineNr() >= 1 && e.getLocation().getColumnNr() >= 1,
                    () -> e.getLocation() + " for " + shown);
            return e;
        }
    }

    private interface Parse {
        JsonDocument parse() throws IOException;
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " chars)";
    }
}
