package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JsonValueTest {
    private static final String JSON = """
            {"id": 7, "name": "Ada Lovelace", "tags": ["a", "b", "c"],
             "nested": {"a/b": {"~x": [10, 20, {"": "empty"}]}},
             "dup": 1, "dup": 2, "big": 123456789012345678901234567890, "long": 9007199254740993, "neg": -5,
             "dec": 12.50, "sci": 1.5e3, "t": true, "f": false, "n": null, "empty": {}, "none": [], "": "blank",
             "beyondInt": 2147483648, "minusZero": -0, "short": "é"}
            """;

    private JsonDocument doc;
    private JsonValue root;

    @BeforeEach
    void parse() throws IOException {
        doc = JsonDocument.parse(JSON.getBytes(StandardCharsets.UTF_8));
        root = doc.root();
    }

    @AfterEach
    void close() {
        doc.close();
    }

    @Test
    void typeOfEachKindOfValue() {
        assertEquals(JsonType.OBJECT, root.type());
        assertEquals(JsonType.ARRAY, root.get("tags").type());
        assertEquals(JsonType.STRING, root.get("name").type());
        assertEquals(JsonType.STRING, root.get("short").type());
        for (String number : new String[] {"id", "big", "long", "neg", "dec", "sci", "beyondInt", "minusZero"}) {
            assertEquals(JsonType.NUMBER, root.get(number).type(), number);
        }
        assertEquals(JsonType.BOOLEAN, root.get("t").type());
        assertEquals(JsonType.BOOLEAN, root.get("f").type());
        assertEquals(JsonType.NULL, root.get("n").type());
    }

    @Test
    void sizeCountsMembersWithDuplicatesAndElements() {
        assertEquals(20, root.size());
        assertEquals(3, root.get("tags").size());
        assertEquals(0, root.get("empty").size());
        assertEquals(0, root.get("none").size());
        wrongType(() -> root.get("name").size(), "/name", JsonType.STRING, "'/name' is a string, not an object or array");
        wrongType(() -> root.get("dec").size(), "/dec", JsonType.NUMBER, "'/dec' is a decimal number (12.50), not an object or array");
    }

    @Test
    void getByNameGivesTheFirstOfDuplicates() {
        assertEquals(1, root.get("dup").asInt());
        assertEquals("blank", root.get("").asText());
        JsonValueException e = assertThrows(JsonValueException.class, () -> root.get("missing"));
        assertEquals("/missing", e.pointer());
        assertNull(e.found());
        assertEquals("no member 'missing' at the root (an object of 20 members)", e.getMessage());
        e = assertThrows(JsonValueException.class, () -> root.get("nested").get("a/b").get("~y"));
        assertEquals("/nested/a~1b/~0y", e.pointer());
        assertEquals("no member '~y' at '/nested/a~1b' (an object of 1 members)", e.getMessage());
        wrongType(() -> root.get("tags").get("a"), "/tags", JsonType.ARRAY, "'/tags' is an array, not an object");
        wrongType(() -> root.get("n").get("a"), "/n", JsonType.NULL, "'/n' is null, not an object");
    }

    @Test
    void getByIndex() {
        JsonValue tags = root.get("tags");
        assertEquals("a", tags.get(0).asText());
        assertEquals("c", tags.get(2).asText());
        for (int missing : new int[] {3, -1, Integer.MAX_VALUE}) {
            JsonValueException e = assertThrows(JsonValueException.class, () -> tags.get(missing));
            assertEquals("/tags/" + missing, e.pointer());
            assertNull(e.found());
            assertEquals("no element " + missing + " at '/tags' (an array of 3 elements)", e.getMessage());
        }
        wrongType(() -> root.get(0), "", JsonType.OBJECT, "the root is an object, not an array");
        wrongType(() -> root.get("t").get(0), "/t", JsonType.BOOLEAN, "'/t' is a boolean, not an array");
    }

    @Test
    void hasAndFind() {
        assertTrue(root.has("dup"));
        assertTrue(root.has(""));
        assertFalse(root.has("Dup"));
        assertEquals(7, root.find("id").orElseThrow().asInt());
        assertTrue(root.find("missing").isEmpty());
        wrongType(() -> root.get("tags").has("a"), "/tags", JsonType.ARRAY, "'/tags' is an array, not an object");
        wrongType(() -> root.get("tags").find("a"), "/tags", JsonType.ARRAY, "'/tags' is an array, not an object");
    }

    @Test
    void atFollowsAJsonPointer() {
        assertEquals(JsonType.OBJECT, root.at("").type());
        assertEquals("", root.at("").pointer());
        assertEquals("blank", root.at("/").asText());
        assertEquals("b", root.at("/tags/1").asText());
        assertEquals(20, root.at("/nested/a~1b/~0x/1").asInt());
        JsonValue empty = root.at("/nested/a~1b/~0x/2/");
        assertEquals("empty", empty.asText());
        assertEquals("/nested/a~1b/~0x/2/", empty.pointer());
        assertEquals(10, root.get("nested").at("/a~1b/~0x/0").asInt(), "relative to a value");
        assertEquals(1, root.at("/dup").asInt());

        for (String notAnIndex : new String[] {"-", "01", "00", "+1", "1a", "", "99999999999"}) {
            JsonValueException e = assertThrows(JsonValueException.class, () -> root.at("/tags/" + notAnIndex), notAnIndex);
            assertEquals("/tags/" + notAnIndex, e.pointer());
            assertEquals("'" + notAnIndex + "' is not an index of '/tags', an array of 3 elements", e.getMessage());
        }
        JsonValueException beyond = assertThrows(JsonValueException.class, () -> root.at("/tags/3"));
        assertEquals("/tags/3", beyond.pointer());
        JsonValueException missing = assertThrows(JsonValueException.class, () -> root.at("/nested/missing/deeper"));
        assertEquals("/nested/missing", missing.pointer());
        assertNull(missing.found());
        JsonValueException intoString = assertThrows(JsonValueException.class, () -> root.at("/name/first"));
        assertEquals("/name/first", intoString.pointer());
        assertNull(intoString.found());
        assertEquals("cannot step into '/name': it is a string, not an object or array", intoString.getMessage());

        for (String bad : new String[] {"tags", "#/tags", "/a~2", "/a~"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> root.at(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void membersAndElementsInDocumentOrder() {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEach(names::add);
        assertEquals(List.of("id", "name", "tags", "nested", "dup", "dup", "big", "long", "neg", "dec", "sci", "t", "f", "n",
                "empty", "none", "", "beyondInt", "minusZero", "short"), names);

        List<String> members = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : root.fields()) {
            members.add(member.getKey() + "=" + member.getValue() + "@" + member.getValue().pointer());
        }
        assertEquals("dup=1@/dup", members.get(4));
        assertEquals("dup=2@/dup", members.get(5));
        assertEquals("=\"blank\"@/", members.get(16));
        assertEquals(20, members.size());

        List<String> values = new ArrayList<>();
        root.elements().forEach(v -> values.add(v.toString()));
        assertEquals("7", values.get(0));
        assertEquals("[\"a\",\"b\",\"c\"]", values.get(2));
        assertEquals("123456789012345678901234567890", values.get(6));
        assertEquals(20, values.size());

        assertFalse(root.get("empty").fields().iterator().hasNext());
        assertFalse(root.get("none").elements().iterator().hasNext());
        wrongType(() -> root.get("tags").fieldNames(), "/tags", JsonType.ARRAY, "'/tags' is an array, not an object");
        wrongType(() -> root.get("tags").fields(), "/tags", JsonType.ARRAY, "'/tags' is an array, not an object");
        wrongType(() -> root.get("id").elements(), "/id", JsonType.NUMBER, "'/id' is a number, not an object or array");
    }

    @Test
    void eachWalkOfTheSameElementsNamesThemFromZero() {
        Iterable<JsonValue> tags = root.get("tags").elements();
        for (int walk = 0; walk < 2; walk++) {
            List<String> pointers = new ArrayList<>();
            tags.forEach(v -> pointers.add(v.pointer()));
            assertEquals(List.of("/tags/0", "/tags/1", "/tags/2"), pointers, "walk " + walk);
        }
        Iterator<JsonValue> it = tags.iterator();
        it.next();
        it.next();
        it.next();
        NoSuchElementException e = assertThrows(NoSuchElementException.class, it::next);
        assertEquals("no more members or elements at '/tags'", e.getMessage());
    }

    @Test
    void scalarsReadAsTheirTypes() {
        assertEquals("Ada Lovelace", root.get("name").asText());
        assertEquals("é", root.get("short").asText());
        assertEquals(7L, root.get("id").asLong());
        assertEquals(7, root.get("id").asInt());
        assertEquals(9007199254740993L, root.get("long").asLong());
        assertEquals(9007199254740992.0, root.get("long").asDouble());
        assertEquals(-5, root.get("neg").asInt());
        assertEquals(2147483648L, root.get("beyondInt").asLong());
        assertEquals(12.5, root.get("dec").asDouble());
        assertEquals(new BigDecimal("12.50"), root.get("dec").asBigDecimal());
        assertEquals(1500.0, root.get("sci").asDouble());
        assertEquals(new BigDecimal("1.5e3"), root.get("sci").asBigDecimal());
        assertEquals(new BigInteger("123456789012345678901234567890"), root.get("big").asBigInteger());
        assertEquals(new BigDecimal("123456789012345678901234567890"), root.get("big").asBigDecimal());
        assertEquals(1.2345678901234568E29, root.get("big").asDouble());
        assertEquals(BigInteger.valueOf(7), root.get("id").asBigInteger());
        assertTrue(root.get("t").asBoolean());
        assertFalse(root.get("f").asBoolean());
        assertTrue(root.get("n").isNull());
        assertFalse(root.get("f").isNull());
        assertFalse(root.get("empty").isNull());
        for (String integral : new String[] {"id", "big", "long", "neg", "beyondInt", "minusZero"}) {
            assertTrue(root.get(integral).isIntegral(), integral);
        }
        for (String notIntegral : new String[] {"dec", "sci", "name", "t", "n", "empty", "none"}) {
            assertFalse(root.get(notIntegral).isIntegral(), notIntegral);
        }
    }

    @Test
    void minusZeroIsZeroAsAnIntegerAndMinusZeroAsADouble() {
        JsonValue minusZero = root.get("minusZero");
        assertEquals(0L, minusZero.asLong());
        assertEquals(0, minusZero.asInt());
        assertEquals(BigInteger.ZERO, minusZero.asBigInteger());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(minusZero.asDouble()));
        assertEquals("-0", minusZero.toString());
    }

    @Test
    void aValueReadAsAnotherTypeSaysWhereAndWhat() {
        wrongType(() -> root.get("id").asText(), "/id", JsonType.NUMBER, "'/id' is a number, not a string");
        wrongType(() -> root.get("name").asLong(), "/name", JsonType.STRING, "'/name' is a string, not an integer");
        wrongType(() -> root.get("dec").asLong(), "/dec", JsonType.NUMBER, "'/dec' is a decimal number (12.50), not an integer");
        wrongType(() -> root.get("sci").asInt(), "/sci", JsonType.NUMBER, "'/sci' is a decimal number (1.5e3), not an integer");
        wrongType(() -> root.get("dec").asBigInteger(), "/dec", JsonType.NUMBER,
                "'/dec' is a decimal number (12.50), not an integer");
        wrongType(() -> root.get("t").asDouble(), "/t", JsonType.BOOLEAN, "'/t' is a boolean, not a number");
        wrongType(() -> root.get("n").asBigDecimal(), "/n", JsonType.NULL, "'/n' is null, not a number");
        wrongType(() -> root.get("name").asBoolean(), "/name", JsonType.STRING, "'/name' is a string, not a boolean");
        wrongType(() -> root.get("tags").asText(), "/tags", JsonType.ARRAY, "'/tags' is an array, not a string");
        wrongType(() -> root.get("big").asLong(), "/big", JsonType.NUMBER,
                "'/big' is 123456789012345678901234567890, which does not fit in a long");
        wrongType(() -> root.get("beyondInt").asInt(), "/beyondInt", JsonType.NUMBER,
                "'/beyondInt' is 2147483648, which does not fit in an int");
        wrongType(() -> root.at("/nested/a~1b").asText(), "/nested/a~1b", JsonType.OBJECT, "'/nested/a~1b' is an object, not a string");
    }

    @Test
    void pointerOfEveryValueLeadsBackToIt() {
        List<JsonValue> all = new ArrayList<>();
        collect(root, all::add);
        assertEquals(30, all.size());
        for (JsonValue v : all) {
            if (v.pointer().equals("/dup")) {
                continue; // the second "dup" is reached by walking, not by its pointer
            }
            assertEquals(v.toString(), root.at(v.pointer()).toString(), v.pointer());
        }
    }

    @Test
    void toStringIsCompactJsonWithNumbersAsWritten() {
        assertEquals("{\"a/b\":{\"~x\":[10,20,{\"\":\"empty\"}]}}", root.get("nested").toString());
        assertEquals("12.50", root.get("dec").toString());
        assertEquals("1.5e3", root.get("sci").toString());
        assertEquals("\"Ada Lovelace\"", root.get("name").toString());
        assertEquals("null", root.get("n").toString());
    }

    @Test
    void aClosedDocumentsValuesRefuseToRead() {
        JsonValue name = root.get("name");
        JsonValue tags = root.get("tags");
        doc.close();
        for (Executable read : List.<Executable>of(name::asText, name::type, tags::size, () -> tags.get(0), root::toString,
                () -> root.get("id"), () -> root.at("/id"), root::fieldNames, doc::root)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, read);
            assertEquals("this JsonDocument is closed", e.getMessage());
        }
    }

    @Test
    void tapeBytesIsTheSizeOfTheTape() {
        assertEquals(doc.tapeBytesCopy().length, doc.tapeBytes());
        assertTrue(doc.tapeBytes() > TapeDescriptor.HEADER_BYTES);
    }

    @Test
    void anArrayOfMoreThanTwoToThe24ElementsCountsItsElements() throws IOException {
        int n = TapeDescriptor.SATURATED_COUNT + 3;
        byte[] json = new byte[2 * n + 1];
        json[0] = '[';
        for (int i = 0; i < n; i++) {
            json[1 + 2 * i] = (byte) ('0' + i % 10);
            json[2 + 2 * i] = (byte) (i == n - 1 ? ']' : ',');
        }
        try (JsonDocument big = JsonDocument.parse(json)) {
            JsonValue array = big.root();
            assertEquals(n, array.size());
            assertEquals((n - 1) % 10, array.get(n - 1).asInt());
            JsonValueException e = assertThrows(JsonValueException.class, () -> array.get(n));
            assertEquals("no element " + n + " at the root (an array of " + n + " elements)", e.getMessage());
        }
    }

    @Test
    void aSaturatedCountWithFewerElementsIsACorruptTape() {
        ByteBuffer tape = ByteBuffer.allocate(TapeDescriptor.HEADER_BYTES + 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        tape.putLong(TapeDescriptor.MAGIC).putInt(3).putInt(0).putInt(0).putInt(0).putLong(0);
        tape.putLong(TapeDescriptor.container(TapeDescriptor.ARRAY, TapeDescriptor.SATURATED_COUNT, 3));
        tape.putLong(TapeDescriptor.word(TapeDescriptor.INT, 1)).putLong(TapeDescriptor.word(TapeDescriptor.NULL, 0));
        try (JsonDocument corrupt = JsonDocument.ofTapeBytes(tape.array())) {
            CorruptTapeException e = assertThrows(CorruptTapeException.class, corrupt::root);
            assertEquals("the array ending at word 3 claims 16777215 members but holds 2", e.getMessage());
        }
        tape.putLong(TapeDescriptor.HEADER_BYTES, TapeDescriptor.container(TapeDescriptor.ARRAY, 2, 3));
        try (JsonDocument fine = JsonDocument.ofTapeBytes(tape.array())) {
            assertEquals("[1,null]", fine.root().toString());
            assertArrayEquals(tape.array(), fine.tapeBytesCopy());
        }
    }

    private static void collect(JsonValue v, Consumer<JsonValue> out) {
        out.accept(v);
        if (v.type() == JsonType.OBJECT || v.type() == JsonType.ARRAY) {
            for (JsonValue child : v.elements()) {
                collect(child, out);
            }
        }
    }

    private static void wrongType(Executable read, String pointer, JsonType found, String message) {
        JsonValueException e = assertThrows(JsonValueException.class, read);
        assertEquals(pointer, e.pointer());
        assertEquals(found, e.found());
        assertEquals(message, e.getMessage());
    }
}
