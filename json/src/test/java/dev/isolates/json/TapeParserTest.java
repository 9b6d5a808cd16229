package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** {@link JsonDocument#parser()} gives the tokens and values Jackson's own parser gives for the same bytes. */
class TapeParserTest {
    /** Jackson's own parser, as a user has it. */
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> DOCUMENTS = List.of(
            "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551616", "123456789012345678901234567890", "-123456789012345678901234567890",
            "36028797018963967", "36028797018963968", "-36028797018963968", "-36028797018963969",
            "1e5", "1E5", "1e+5", "1e-5", "-1.5E-300", "1e400", "-0.0", "0.0", "0.5", "12.50", "-12.50", "3.14159",
            "0.1000000000000000055511151231257827", "140737488355327.5", "140737488355328.5",
            "9223372036854775807.5", "123456789012345678901234567890.123456789", "1.7976931348623157e308", "4.9e-324",
            "\"\"", "\"a\"", "\"seven77\"", "\"eight888\"", "\"caf\u00e9\"", "\"\\u00e9t\\u00e9\"",
            "\"tab\\there\\nnew\\\\line \\\"quoted\\\" \\/ \\b\\f\\r\"", "\"\\u0000\\u0001\\u001f\"",
            "\"\uD83D\uDE00 smile\"", "\"\\uD83D\\uDE00\"", "\"lone \\uD800 high\"", "\"lone \\uDC00 low\"",
            "\"\u4e2d\u6587\u5b57\u7b26\"", "\"" + "x".repeat(70_000) + "\"",
            "true", "false", "null", "[]", "{}", "[[]]", "[{}]", "{\"a\":{}}", "{\"a\":[]}", "[[[[[]]]]]",
            "[1,2,3]", "[true,false,null]", "[\"a\",1,1.5,true,null,{},[]]",
            "{\"a\":1,\"b\":\"two\",\"c\":[3,4.5,{\"d\":null}],\"e\":{\"f\":{\"g\":true}}}",
            "{\"dup\":1,\"dup\":2,\"dup\":{\"dup\":[\"dup\"]}}",
            "{\"\":0,\"caf\u00e9\":1,\"\\u00e9\":2,\"\uD83D\uDE00\":3,\"a\\nb\":4}",
            "{\"numbers\":[0,-0,1e5,-0.0,0.1000000000000000055511151231257827,9223372036854775808,"
                    + "18446744073709551616,123456789012345678901234567890,12.50,2147483648,-2147483649]}",
            "[{\"id\":1,\"tags\":[\"x\",\"y\"],\"price\":9.99},{\"id\":2,\"tags\":[],\"price\":10}]",
            " { \"spaced\" : [ 1 , 2 ] } ");

    @Test
    void givesJacksonsTokensNamesTextsNumbersAndContextsForEveryKindOfValue() throws IOException {
        for (String json : DOCUMENTS) {
            assertSameEvents(json);
        }
    }

    @Test
    void givesJacksonsTokensForSeededRandomDocuments() throws IOException {
        SplittableRandom random = new SplittableRandom(20250412L);
        for (int n = 0; n < 400; n++) {
            StringBuilder json = new StringBuilder();
            randomValue(random, json, 0);
            assertSameEvents(json.toString());
        }
    }

    @Test
    void readTreeOfTheParserEqualsReadTreeOfTheBytes() throws IOException {
        for (String json : DOCUMENTS) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            try (JsonDocument doc = JsonDocument.parse(bytes)) {
                assertEquals(MAPPER.readTree(bytes), MAPPER.readTree(doc.parser()), json);
            }
        }
    }

    @Test
    void skipChildrenGoesToTheContainersEndAndReadingGoesOnAsJacksonsDoes() throws IOException {
        String json = "{\"a\":{\"x\":[1,{\"y\":2}],\"z\":\"s\"},\"b\":[[1,2],[3]],\"c\":7,\"d\":[],\"e\":{}}";
        for (int skipAt = 0; skipAt < 40; skipAt++) {
            try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8));
                 JsonParser jackson = JACKSON.createParser(json);
                 JsonParser tape = doc.parser()) {
                List<String> expected = eventsSkipping(jackson, skipAt);
                assertEquals(expected, eventsSkipping(tape, skipAt), "skipping at token " + skipAt);
            }
        }
        try (JsonDocument doc = JsonDocument.parse("[{\"a\":[1,2]},3]".getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertSame(p, p.skipChildren());
            assertEquals(JsonToken.END_OBJECT, p.currentToken());
            assertEquals(1, p.getParsingContext().getEntryCount());
            assertEquals(JsonToken.VALUE_NUMBER_INT, p.nextToken());
            p.skipChildren(); // on a scalar: nothing happens
            assertEquals(JsonToken.VALUE_NUMBER_INT, p.currentToken());
            assertEquals(3, p.getIntValue());
            assertEquals(JsonToken.END_ARRAY, p.nextToken());
            p.skipChildren(); // on an end: nothing happens
            assertEquals(JsonToken.END_ARRAY, p.currentToken());
            assertNull(p.nextToken());
        }
    }

    @Test
    void decimalValuesAreExactAndNumbersAreTheirTextAsWritten() throws IOException {
        String json = "[0.1000000000000000055511151231257827,12.50,-0.0,1e5,18446744073709551616,"
                + "123456789012345678901234567890,-0,9223372036854775807.5]";
        try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            p.nextToken();
            p.nextToken();
            assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), p.getDecimalValue());
            assertEquals(0.1, p.getDoubleValue());
            assertEquals("0.1000000000000000055511151231257827", p.getText());
            p.nextToken();
            assertEquals(new BigDecimal("12.50"), p.getDecimalValue());
            assertEquals(2, p.getDecimalValue().scale());
            assertEquals("12.50", p.getText());
            p.nextToken();
            assertEquals("-0.0", p.getText());
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.getDoubleValue()));
            p.nextToken();
            assertEquals("1e5", p.getText());
            assertEquals(0, new BigDecimal("1e5").compareTo(p.getDecimalValue()));
            assertEquals(100_000, p.getIntValue());
            p.nextToken();
            assertEquals(JsonParser.NumberType.BIG_INTEGER, p.getNumberType());
            assertEquals(BigInteger.ONE.shiftLeft(64), p.getBigIntegerValue());
            assertThrows(InputCoercionException.class, p::getLongValue);
            p.nextToken();
            assertEquals(new BigInteger("123456789012345678901234567890"), p.getNumberValue());
            p.nextToken();
            assertEquals("-0", p.getText());
            assertEquals(JsonParser.NumberType.INT, p.getNumberType());
            assertEquals(0, p.getIntValue());
            p.nextToken();
            assertEquals(new BigDecimal("9223372036854775807.5"), p.getNumberValueExact());
        }
    }

    @Test
    void namesComeFromTheKeyCacheAsTheSameStrings() throws IOException {
        String json = "[{\"name\":1,\"price\":2},{\"name\":3,\"price\":4},{\"price\":5,\"name\":6}]";
        try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            List<String> names = new ArrayList<>();
            p.nextToken();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String name;
                while ((name = p.nextFieldName()) != null) {
                    names.add(name);
                    assertSame(name, p.currentName());
                    assertSame(name, p.getText());
                    p.nextToken();
                }
                assertEquals(JsonToken.END_OBJECT, p.currentToken());
            }
            assertEquals(List.of("name", "price", "name", "price", "price", "name"), names);
            assertSame(names.get(0), names.get(2));
            assertSame(names.get(0), names.get(5));
            assertSame(names.get(1), names.get(4));
        }
        try (JsonDocument doc = JsonDocument.parse("{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            p.nextToken();
            assertTrue(p.nextFieldName(new SerializedString("a")));
            p.nextToken();
            assertFalse(p.nextFieldName(new SerializedString("a")));
            assertEquals("b", p.currentName());
            p.nextToken();
            assertFalse(p.nextFieldName(new SerializedString("b")));
            assertEquals(JsonToken.END_OBJECT, p.currentToken());
        }
    }

    @Test
    void binaryValuesAreTheBase64OfAString() throws IOException {
        byte[] data = new byte[300];
        new SplittableRandom(7).nextBytes(data);
        String json = "[\"" + Base64.getEncoder().encodeToString(data) + "\",\"not base64!\"]";
        try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            p.nextToken();
            p.nextToken();
            assertArrayEquals(data, p.getBinaryValue());
            assertArrayEquals(data, p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS));
            p.nextToken();
            assertThrows(com.fasterxml.jackson.core.JsonParseException.class, p::getBinaryValue);
            p.nextToken();
            assertThrows(com.fasterxml.jackson.core.JsonParseException.class, p::getBinaryValue);
        }
    }

    @Test
    void numericAccessorsOnOtherTokensFailAsJacksonsDo() throws IOException {
        try (JsonDocument doc = JsonDocument.parse("[\"12\"]".getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser();
             JsonParser jackson = JACKSON.createParser("[\"12\"]")) {
            p.nextToken();
            p.nextToken();
            jackson.nextToken();
            jackson.nextToken();
            Exception expected = assertThrows(com.fasterxml.jackson.core.JsonParseException.class, jackson::getIntValue);
            Exception actual = assertThrows(com.fasterxml.jackson.core.JsonParseException.class, p::getIntValue);
            assertEquals(firstLine(expected), firstLine(actual));
            assertEquals(12, p.getValueAsInt());
            assertEquals("12", p.getValueAsString());
        }
    }

    @Test
    void locationsNameTheTapeWordAndTheParserKeepsItsCodec() throws IOException {
        try (JsonDocument doc = JsonDocument.parse("{\"a\":[1]}".getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser(MAPPER)) {
            assertSame(MAPPER, p.getCodec());
            p.nextToken();
            p.nextToken();
            p.nextToken();
            assertEquals(48, p.currentTokenLocation().getByteOffset()); // header 32 bytes, then words 0 and 1
            assertTrue(p.currentTokenLocation().sourceDescription().contains("JsonDocument"),
                    p.currentTokenLocation().toString());
            assertNotNull(p.version());
            p.setCodec(null);
            assertNull(p.getCodec());
        }
    }

    @Test
    void theContextNamesTheMemberAndIndexAsJacksonsDoesAndOverridesTheName() throws IOException {
        try (JsonDocument doc = JsonDocument.parse("{\"a\":[10,{\"b\":true}]}".getBytes(StandardCharsets.UTF_8));
             JsonParser p = doc.parser()) {
            p.nextToken();
            p.nextToken();
            p.nextToken(); // [
            assertEquals("a", p.currentName());
            p.nextToken();
            p.nextToken(); // {
            JsonStreamContext ctx = p.getParsingContext();
            assertTrue(ctx.inObject());
            assertEquals(1, ctx.getParent().getCurrentIndex());
            assertEquals("a", ctx.getParent().getParent().getCurrentName());
            p.nextToken();
            assertEquals("/a/1/b", p.getParsingContext().pathAsPointer().toString());
            p.overrideCurrentName("renamed");
            assertEquals("renamed", p.currentName());
            assertEquals("renamed", p.getText());
            p.assignCurrentValue("value");
            assertEquals("value", p.currentValue());
        }
    }

    @Test
    void readsADocumentNestedDeeperThanAStackWithoutRecursion() throws IOException {
        int depth = 200_000;
        String json = "[".repeat(depth) + "{\"k\":1}" + "]".repeat(depth);
        JsonFactory deep = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth + 10).build()).build();
        try (JsonParser source = deep.createParser(json); JsonDocument doc = JsonDocument.parse(source)) {
            try (JsonParser p = doc.parser()) {
                long tokens = 0;
                while (p.nextToken() != null) {
                    tokens++;
                }
                assertEquals(2L * depth + 4, tokens);
            }
            try (JsonParser p = doc.parser()) {
                p.nextToken();
                p.skipChildren();
                assertEquals(JsonToken.END_ARRAY, p.currentToken());
                assertNull(p.nextToken());
            }
        }
    }

    @Test
    void closingTheParserEndsItsTokensAndClosingTheDocumentStopsItsParsers() throws IOException {
        JsonDocument doc = JsonDocument.parse("[1,2,3]".getBytes(StandardCharsets.UTF_8));
        JsonParser p = doc.parser();
        p.nextToken();
        p.close();
        assertTrue(p.isClosed());
        assertNull(p.nextToken());
        JsonParser open = doc.parser();
        open.nextToken();
        doc.close();
        assertThrows(IllegalStateException.class, open::nextToken);
        assertThrows(IllegalStateException.class, doc::parser);
    }

    @Test
    void stringBytesThatAreNotUtf8RaiseCorruptTapeExceptionAsItIs() throws IOException {
        byte[] tape;
        try (JsonDocument doc = JsonDocument.parse("[\"caf\u00e9 au lait\"]".getBytes(StandardCharsets.UTF_8))) {
            tape = doc.tapeBytesCopy();
        }
        int at = indexOf(tape, (byte) 0xC3);
        tape[at] = (byte) 0xFF;
        try (JsonDocument doc = JsonDocument.ofTapeBytes(tape); JsonParser p = doc.parser()) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            assertEquals(JsonToken.VALUE_STRING, p.nextToken());
            assertThrows(CorruptTapeException.class, p::getText);
        }
        try (JsonDocument doc = JsonDocument.ofTapeBytes(tape)) {
            Exception e = assertThrows(Exception.class, () -> MAPPER.readValue(doc.parser(), String[].class));
            assertTrue(hasCause(e, CorruptTapeException.class), e.toString());
        }
    }

    @Test
    void aTapeCorruptedAtRandomEndsInCorruptTapeExceptionOrInTokensButNeverLoops() throws IOException {
        String json = "{\"a\":[1,-2,3.5,\"four\",{\"b\":null,\"c\":[true,false]}],\"d\":\"caf\u00e9 long string\","
                + "\"e\":123456789012345678901234567890,\"f\":1e5,\"g\":12.50,\"h\":{}}";
        byte[] original;
        try (JsonDocument doc = JsonDocument.parse(json.getBytes(StandardCharsets.UTF_8))) {
            original = doc.tapeBytesCopy();
        }
        SplittableRandom random = new SplittableRandom(99);
        int corrupt = 0;
        for (int n = 0; n < 2000; n++) {
            byte[] tape = original.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                tape[random.nextInt(tape.length)] = (byte) random.nextInt(256);
            }
            try (JsonDocument doc = JsonDocument.ofTapeBytes(tape); JsonParser p = doc.parser()) {
                long bound = 2L * tape.length;
                long tokens = 0;
                for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (++tokens > bound) {
                        fail("more than " + bound + " tokens from a " + tape.length + "-byte tape");
                    }
                    p.getText();
                    if (t.isNumeric()) {
                        p.getNumberType();
                        p.getDecimalValue();
                    }
                }
            } catch (CorruptTapeException e) {
                corrupt++;
            }
        }
        assertTrue(corrupt > 0);
    }

    /*
     * Comparing tokens.
     */

    private static void assertSameEvents(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try (JsonParser jackson = JACKSON.createParser(bytes);
             JsonDocument doc = JsonDocument.parse(bytes);
             JsonParser tape = doc.parser()) {
            List<String> expected = events(jackson);
            List<String> actual = events(tape);
            if (!expected.equals(actual)) {
                for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                    assertEquals(expected.get(i), actual.get(i), "token " + i + " of " + abbreviated(json));
                }
                assertEquals(expected.size(), actual.size(), "tokens of " + abbreviated(json));
            }
        }
    }

    private static List<String> events(JsonParser p) throws IOException {
        List<String> out = new ArrayList<>();
        out.add(describe(p, p.currentToken()));
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            out.add(describe(p, t));
        }
        out.add(describe(p, p.currentToken()));
        return out;
    }

    private static List<String> eventsSkipping(JsonParser p, int skipAt) throws IOException {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            if (n++ == skipAt) {
                p.skipChildren();
                t = p.currentToken();
            }
            out.add(describe(p, t));
        }
        return out;
    }

    /** Everything a reader can ask at a token, in an order that Jackson's caching of number forms cannot change. */
    private static String describe(JsonParser p, JsonToken t) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(t).append(" name=").append(p.currentName()).append(" text=").append(abbreviated(p.getText()))
                .append(" valueAsString=").append(abbreviated(p.getValueAsString()));
        if (t != null && p.getText() != null) {
            String chars = new String(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            s.append(" chars=").append(chars.equals(p.getText()));
        }
        JsonStreamContext ctx = p.getParsingContext();
        s.append(" ctx=").append(ctx.typeDesc()).append('/').append(ctx.getCurrentIndex()).append('/')
                .append(ctx.getEntryCount()).append('/').append(ctx.getCurrentName()).append('/')
                .append(ctx.getNestingDepth()).append(" path=").append(ctx.pathAsPointer())
                .append(" parent=").append(ctx.getParent() == null ? null : ctx.getParent().typeDesc());
        if (t == JsonToken.VALUE_NUMBER_INT) {
            s.append(" type=").append(p.getNumberType())
                    .append(" value=").append(typed(p.getNumberValue()))
                    .append(" exact=").append(typed(p.getNumberValueExact()))
                    .append(" deferred=").append(typed(p.getNumberValueDeferred()))
                    .append(" int=").append(outcome(p::getIntValue))
                    .append(" long=").append(outcome(p::getLongValue))
                    .append(" big=").append(p.getBigIntegerValue())
                    .append(" double=").append(p.getDoubleValue())
                    .append(" float=").append(p.getFloatValue())
                    .append(" decimal=").append(p.getDecimalValue())
                    .append(" nan=").append(p.isNaN());
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            s.append(" deferred=").append(typed(p.getNumberValueDeferred()))
                    .append(" type=").append(p.getNumberType())
                    .append(" nan=").append(p.isNaN())
                    .append(" value=").append(typed(p.getNumberValue()))
                    .append(" double=").append(p.getDoubleValue())
                    .append(" float=").append(p.getFloatValue())
                    .append(" int=").append(outcome(p::getIntValue))
                    .append(" long=").append(outcome(p::getLongValue))
                    .append(" decimal=").append(p.getDecimalValue())
                    .append(" exact=").append(typed(p.getNumberValueExact()))
                    .append(" big=").append(p.getBigIntegerValue());
        } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            s.append(" boolean=").append(p.getBooleanValue());
        }
        return s.toString();
    }

    private static String typed(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + ":" + abbreviated(v.toString());
    }

    private static String outcome(Callable<?> read) {
        try {
            return String.valueOf(read.call());
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + firstLine(e);
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String abbreviated(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 100) + "...(" + s.length() + " chars)";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no byte " + b);
    }

    /*
     * Random documents.
     */

    private static final String[] KEYS = {"id", "name", "price", "tags", "a", "", "caf\u00e9", "\uD83D\uDE00", "x y", "id"};

    static void randomValue(SplittableRandom r, StringBuilder out, int depth) {
        int kind = depth >= 6 ? 2 + r.nextInt(6) : r.nextInt(8);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    randomString(r, out, r.nextInt(4) == 0 ? null : KEYS[r.nextInt(KEYS.length)]);
                    out.append(':');
                    randomValue(r, out, depth + 1);
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    randomValue(r, out, depth + 1);
                }
                out.append(']');
            }
            case 2, 3 -> randomNumber(r, out);
            case 4, 5 -> randomString(r, out, null);
            case 6 -> out.append(r.nextBoolean() ? "true" : "false");
            default -> out.append("null");
        }
    }

    private static void randomNumber(SplittableRandom r, StringBuilder out) {
        if (r.nextBoolean()) {
            out.append('-');
        }
        int digits = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 12);
        out.append(digits == 1 ? (char) ('0' + r.nextInt(10)) : (char) ('1' + r.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            out.append((char) ('0' + r.nextInt(10)));
        }
        if (r.nextInt(3) == 0) {
            out.append('.');
            for (int i = 1 + r.nextInt(r.nextInt(4) == 0 ? 30 : 6); i > 0; i--) {
                out.append((char) ('0' + r.nextInt(10)));
            }
        }
        if (r.nextInt(5) == 0) {
            out.append(r.nextBoolean() ? 'e' : 'E');
            int sign = r.nextInt(3);
            out.append(sign == 0 ? "" : sign == 1 ? "+" : "-");
            out.append(r.nextInt(r.nextBoolean() ? 20 : 400));
        }
    }

    private static void randomString(SplittableRandom r, StringBuilder out, String fixed) {
        out.append('"');
        if (fixed != null) {
            out.append(fixed);
        } else {
            for (int i = r.nextInt(r.nextInt(5) == 0 ? 40 : 10); i > 0; i--) {
                switch (r.nextInt(10)) {
                    case 0 -> out.append("\\n");
                    case 1 -> out.append(String.format("\\u%04x", r.nextInt(0x10000)));
                    case 2 -> out.append("\uD83D\uDE00");
                    case 3 -> out.append((char) (0xA0 + r.nextInt(0x2000)));
                    case 4 -> out.append("\\\"");
                    default -> out.append((char) ('a' + r.nextInt(26)));
                }
            }
        }
        out.append('"');
    }
}
