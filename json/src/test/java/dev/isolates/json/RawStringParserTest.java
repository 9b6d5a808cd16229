package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawStringParserTest {
    @Test
    void utf8InputGetsTheRawParserAndOtherEncodingsJacksonsOwn() throws IOException {
        byte[] json = "[\"a\"]".getBytes(StandardCharsets.UTF_8);
        try (JsonParser fromBytes = JsonDocument.FACTORY.createParser(json);
             JsonParser fromStream = JsonDocument.FACTORY.createParser(new ByteArrayInputStream(json))) {
            assertInstanceOf(RawStringParser.class, fromBytes);
            assertInstanceOf(RawStringParser.class, fromStream);
        }
        byte[] utf16 = "[\"a\"]".getBytes(StandardCharsets.UTF_16LE);
        try (JsonParser fromBytes = JsonDocument.FACTORY.createParser(utf16);
             JsonParser fromStream = JsonDocument.FACTORY.createParser(new ByteArrayInputStream(utf16))) {
            assertFalse(fromBytes instanceof RawStringParser);
            assertFalse(fromStream instanceof RawStringParser);
            assertEquals(JsonToken.START_ARRAY, fromStream.nextToken());
            assertEquals(JsonToken.VALUE_STRING, fromStream.nextToken());
            assertEquals("a", fromStream.getText());
        }
    }

    @Test
    void printableAsciiIsHandedOverAndEverythingElseLeftToJackson() throws IOException {
        String json = "[\"plain text\", \"\", \"tab\\there\", \"caf\u00e9\", \"quote \\\" inside\", 7, \"last\"]";
        try (RawStringParser p = (RawStringParser) JsonDocument.FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            assertRaw(p, "plain text");
            assertRaw(p, "");
            assertLeftToJackson(p, "tab\there");
            assertLeftToJackson(p, "caf\u00e9");
            assertLeftToJackson(p, "quote \" inside");
            assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
            assertEquals(-1, p.rawString(), "not a string");
            assertRaw(p, "last");
            assertEquals(-1, p.rawString(), "already handed over");
            assertEquals(JsonToken.END_ARRAY, p.nextToken());
            assertNull(p.nextToken());
        }
    }

    @Test
    void aStringWhoseEndIsNotYetReadIsLeftToJackson() throws IOException {
        byte[] json = "[\"a longer string than one read brings\"]".getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new java.io.FilterInputStream(new ByteArrayInputStream(json)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 8));
            }
        };
        try (RawStringParser p = (RawStringParser) JsonDocument.FACTORY.createParser(trickle)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            assertLeftToJackson(p, "a longer string than one read brings");
        }
    }

    private static void assertRaw(RawStringParser p, String expected) throws IOException {
        assertEquals(JsonToken.VALUE_STRING, p.nextToken());
        int length = p.rawString();
        assertEquals(expected.length(), length, expected);
        assertEquals(expected, new String(p.rawBuffer(), p.rawStart(), length, StandardCharsets.US_ASCII));
    }

    private static void assertLeftToJackson(RawStringParser p, String expected) throws IOException {
        assertEquals(JsonToken.VALUE_STRING, p.nextToken());
        assertEquals(-1, p.rawString(), expected);
        assertEquals(expected, p.getText());
    }
}
