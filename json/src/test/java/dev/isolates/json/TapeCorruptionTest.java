package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.DECIMAL;
import static dev.isolates.json.TapeDescriptor.DECIMAL_WIDE;
import static dev.isolates.json.TapeDescriptor.HEADER_BYTES;
import static dev.isolates.json.TapeDescriptor.INT;
import static dev.isolates.json.TapeDescriptor.INTEGER_TEXT;
import static dev.isolates.json.TapeDescriptor.KEY;
import static dev.isolates.json.TapeDescriptor.LONG;
import static dev.isolates.json.TapeDescriptor.LONG_STRING;
import static dev.isolates.json.TapeDescriptor.NULL;
import static dev.isolates.json.TapeDescriptor.NUMBER_TEXT;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.STRING;
import static dev.isolates.json.TapeDescriptor.STRING_INLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Tapes corrupted at random and on purpose: each one either reads as some document or raises
 * {@link CorruptTapeException} (or {@link JsonValueException} where the corruption makes a valid
 * but different document), never another exception, and never runs on without end.
 */
class TapeCorruptionTest {
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String KNOWN = """
            {"name": "a string longer than seven", "numbers": [1, 36028797018963968, 18446744073709551616, 12.50,
             1234567890123456.78, 1e5, -0, -0.0, true, false, null, "short", "é", "\\ud800"],
             "nested": {"deep": [[{}], [], {"k": "v"}]}, "name": 2, "text": "ünïcödé ☃ \uD83D\uDE00"}
            """;

    /** What reading a variant gave. */
    private enum Outcome { READ, CORRUPT, VALUE_EXCEPTION }

    private final int[] outcomes = new int[Outcome.values().length];

    @Test
    void randomCorruptionsReadOrRaiseCorruptTape() throws IOException {
        List<byte[]> tapes = new ArrayList<>();
        tapes.add(tapeOf(KNOWN));
        RandomJson generator = new RandomJson(78);
        while (tapes.size() < 30) {
            byte[] json = generator.next().bytes();
            if (json.length < 8000) {
                tapes.add(tapeOf(json));
            }
        }
        SplittableRandom random = new SplittableRandom(90);
        for (int v = 0; v < 6000; v++) {
            byte[] tape = tapes.get(random.nextInt(tapes.size()));
            String[] how = new String[1];
            byte[] corrupt = corrupt(tape, random, how);
            check(corrupt, "variant " + v + ": " + how[0]);
        }
        System.out.println("random corruptions: " + Arrays.toString(Outcome.values()) + " " + Arrays.toString(outcomes));
        assertTrue(outcomes[Outcome.CORRUPT.ordinal()] > 1000, Arrays.toString(outcomes));
    }

    @Test
    void targetedCorruptionsRaiseCorruptTape() throws IOException {
        byte[] tape = tapeOf(KNOWN);
        Layout l = new Layout(tape);
        int root = 0;
        int numbers = l.indexOf(ARRAY, 0);
        int nested = l.indexOf(OBJECT, 1);
        int inner = l.indexOf(ARRAY, numbers + 1 + 14);
        int key = l.indexOf(KEY, 0);
        int string = l.indexOf(STRING, 0);
        int inline = l.indexOf(STRING_INLINE + 5, 0);
        int integerText = l.indexOf(INTEGER_TEXT, 0);
        int numberText = l.indexOf(NUMBER_TEXT, 0);
        int decimalWide = l.indexOf(DECIMAL_WIDE, 0);
        int decimal = l.indexOf(DECIMAL, 0);
        int integer = l.indexOf(INT, 0);
        int asciiOnly = l.stringAreaIndexOf("a string");
        int nonAscii = l.stringAreaIndexOf("ü");

        corrupt(tape, "magic", t -> t.putLong(0, 0x1122334455667788L));
        for (int words : new int[] {0, -1, 1, l.words - 1, l.words + 1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            corrupt(tape, "tape words " + words, t -> t.putInt(TapeDescriptor.TAPE_WORDS_OFFSET, words));
        }
        for (int keys : new int[] {-1, 0, l.keys - 1, l.keys + 1, Integer.MAX_VALUE}) {
            corrupt(tape, "key count " + keys, t -> t.putInt(TapeDescriptor.KEY_COUNT_OFFSET, keys));
        }
        for (int strings : new int[] {-1, 0, l.strings - 1, l.strings + 1, Integer.MAX_VALUE}) {
            corrupt(tape, "string bytes " + strings, t -> t.putInt(TapeDescriptor.STRING_BYTES_OFFSET, strings));
        }
        corrupt(Arrays.copyOf(tape, 31), "shorter than a header", t -> { });
        corrupt(Arrays.copyOf(tape, tape.length - 1), "a byte short", t -> { });

        for (int container : new int[] {root, numbers, nested, inner}) {
            long w = l.word(container);
            int count = TapeDescriptor.containerCount(w);
            int span = TapeDescriptor.containerSpan(w);
            int tag = TapeDescriptor.tag(w);
            for (int badSpan : new int[] {0, -1, 1, span - 1, span + 1, span + 2, l.words - container + 1, Integer.MAX_VALUE}) {
                if (badSpan != span && !(badSpan == 1 && count == 0)) {
                    corrupt(tape, "container at " + container + " spans " + badSpan,
                            t -> l.put(t, container, TapeDescriptor.container(tag, count, badSpan)));
                }
            }
            for (int badCount : new int[] {count - 1, count + 1, TapeDescriptor.SATURATED_COUNT, 0}) {
                if (badCount != count && badCount >= 0) {
                    corrupt(tape, "container at " + container + " counts " + badCount,
                            t -> l.put(t, container, TapeDescriptor.container(tag, badCount, span)));
                }
            }
            corrupt(tape, "container at " + container + " retagged", t -> l.put(t, container,
                    TapeDescriptor.container(tag == OBJECT ? ARRAY : OBJECT, count, span)));
        }
        int innerSpan = TapeDescriptor.containerSpan(l.word(inner));
        corrupt(tape, "a container past its parent", t -> l.put(t, inner,
                TapeDescriptor.container(ARRAY, TapeDescriptor.containerCount(l.word(inner)), innerSpan + 3)));

        for (int index : new int[] {l.keys, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            corrupt(tape, "key index " + index, t -> l.put(t, key, TapeDescriptor.word(KEY, index & 0xFFFF_FFFFL)));
        }
        corrupt(tape, "a KEY where a value belongs", t -> l.put(t, key + 1, TapeDescriptor.word(KEY, 0)));
        corrupt(tape, "a KEY as an array element", t -> l.put(t, numbers + 1, TapeDescriptor.word(KEY, 0)));
        corrupt(tape, "a value where a KEY belongs", t -> l.put(t, key, TapeDescriptor.word(INT, 0)));
        corrupt(tape, "a KEY as the root", t -> l.put(t, 0, TapeDescriptor.word(KEY, 0)));
        for (int k = 0; k < l.keys; k++) {
            int entry = l.keysAt + k * TapeDescriptor.KEY_ENTRY_BYTES;
            for (int[] range : new int[][] {{l.strings, 1}, {0, l.strings + 1}, {-1, 2}, {2, -1}, {Integer.MAX_VALUE, 1},
                {1, Integer.MAX_VALUE}}) {
                corrupt(tape, "key " + k + " at " + Arrays.toString(range), t -> t.putInt(entry, range[0]).putInt(entry + 4, range[1]));
            }
        }

        for (int text : new int[] {string, integerText, numberText}) {
            int tag = TapeDescriptor.tag(l.word(text));
            int offset = TapeDescriptor.low32(l.word(text));
            for (int[] range : new int[][] {{l.strings, 1}, {l.strings - 1, 2}, {-1, 3}, {Integer.MAX_VALUE, 1}, {0, LONG_STRING - 1}}) {
                corrupt(tape, "text at " + text + " points to " + Arrays.toString(range),
                        t -> l.put(t, text, TapeDescriptor.text(tag, range[1], range[0])));
            }
            for (int prefix : new int[] {Integer.MAX_VALUE, -1, -100, l.strings, l.strings - offset - 4, 1 << 30}) {
                Consumer<ByteBuffer> change = t -> {
                    l.put(t, text, TapeDescriptor.text(tag, LONG_STRING, offset));
                    t.putInt(l.stringsAt + offset, prefix);
                };
                if (prefix == l.strings - offset - 4) {
                    changed(tape, "long text at " + text + " to the area's end", change);
                } else {
                    corrupt(tape, "long text at " + text + " says " + prefix, change);
                }
            }
            corrupt(tape, "long text at " + text + " with its prefix past the area",
                    t -> l.put(t, text, TapeDescriptor.text(tag, LONG_STRING, l.strings - 2)));
            Outcome notANumber = changed(tape, "text at " + text + " that is not a number", t -> l.put(t, text, TapeDescriptor.text(tag, 8, asciiOnly)));
            assertEquals(tag == STRING ? Outcome.READ : Outcome.CORRUPT, notANumber);
            corrupt(tape, "text at " + text + " cutting a character", t -> l.put(t, text, TapeDescriptor.text(tag, 1, nonAscii)));
        }
        corrupt(tape, "an inline string with a non-ASCII byte", t -> l.put(t, inline, l.word(inline) | 0x80));
        changed(tape, "an inline string with a NUL byte at its end", t -> l.put(t, inline, l.word(inline) & ~0xFF00000000L));
        for (int unknown : new int[] {0, 14, 15, STRING_INLINE + 8, 100, 255}) {
            for (int at : new int[] {0, key, key + 1, numbers + 1, inline}) {
                corrupt(tape, "tag " + unknown + " at " + at, t -> l.put(t, at, TapeDescriptor.word(unknown, l.word(at))));
            }
        }
        for (int b : new int[] {0xFF, 0xC0, 0x80, 0xF8, 0xED}) {
            corrupt(tape, "string byte " + Integer.toHexString(b) + " at " + asciiOnly, t -> t.put(l.stringsAt + asciiOnly + 2, (byte) b));
            changed(tape, "string byte " + Integer.toHexString(b) + " at " + nonAscii, t -> t.put(l.stringsAt + nonAscii + 1, (byte) b));
        }
        for (int scale : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 20, -(1 << 20), 0, -1}) {
            corrupt(tape, "decimal scale " + scale, t -> l.put(t, decimalWide, TapeDescriptor.word(DECIMAL_WIDE, scale & 0xFFFF_FFFFL)));
        }
        for (int scale : new int[] {-128, 127, 0, -1}) {
            corrupt(tape, "small decimal scale " + scale, t -> l.put(t, decimal, TapeDescriptor.decimal(scale, 1250)));
        }
        corrupt(tape, "a LONG with no second word", t -> l.put(t, l.words - 1, TapeDescriptor.word(LONG, 0)));
        changed(tape, "a number's second word a tag", t -> l.put(t, integer, TapeDescriptor.word(NUMBER_TEXT, 0)));
        assertTrue(outcomes[Outcome.CORRUPT.ordinal()] > 100, Arrays.toString(outcomes));
    }

    @Test
    void aTapeNestedFarDeeperThanJacksonAllowsIsReadWithoutRecursion() {
        int depth = 200_000;
        ByteBuffer t = ByteBuffer.allocate(HEADER_BYTES + 8 * (depth + 1)).order(ByteOrder.LITTLE_ENDIAN);
        t.putLong(TapeDescriptor.MAGIC).putInt(depth + 1).putInt(0).putInt(0).putInt(0).putLong(0);
        for (int d = 0; d < depth; d++) {
            t.putLong(TapeDescriptor.container(ARRAY, 1, depth + 1 - d));
        }
        t.putLong(TapeDescriptor.word(NULL, 0));
        assertTimeoutPreemptively(BOUND, () -> {
            try (JsonDocument doc = JsonDocument.ofTapeBytes(t.array())) {
                JsonValue v = doc.root();
                for (int d = 0; d < depth; d++) {
                    v = v.get(0);
                }
                assertTrue(v.isNull());
                assertEquals("/0".repeat(depth), v.pointer());
                JsonValueException e = assertThrows(JsonValueException.class, v::asText);
                assertEquals("/0".repeat(depth), e.pointer());
                String text = doc.root().toString();
                assertEquals("[".repeat(depth) + "null" + "]".repeat(depth), text);
            }
        });
    }

    /** A change that makes the tape impossible: reading it must raise CorruptTapeException. */
    private void corrupt(byte[] tape, String how, Consumer<ByteBuffer> change) {
        assertEquals(Outcome.CORRUPT, changed(tape, how, change), how);
    }

    /** A change that may leave a valid tape of another document. */
    private Outcome changed(byte[] tape, String how, Consumer<ByteBuffer> change) {
        byte[] copy = tape.clone();
        change.accept(ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN));
        return check(copy, how);
    }

    /**
     * Opens the tape and reads all of it, bounded in time, through {@link JsonDocument#root()} and
     * again through {@link JsonDocument#parser()}; only the expected exceptions may come out. The
     * parser checks as it reads, not the whole tape first, so it may read a tape to its end that
     * the root's check refuses (a container's count is not a token), but never the other way round.
     */
    private Outcome check(byte[] tape, String how) {
        Outcome outcome = checkValues(tape, how);
        Outcome tokens = assertTimeoutPreemptively(BOUND, () -> {
            try (JsonDocument doc = JsonDocument.ofDirectTapeBytes(tape)) {
                readTokens(doc);
                return Outcome.READ;
            } catch (CorruptTapeException e) {
                return Outcome.CORRUPT;
            } catch (Throwable e) {
                throw new AssertionError(how + ", through the parser: " + e, e);
            }
        }, () -> how + ": the parser still reading after " + BOUND);
        if (outcome != Outcome.CORRUPT) {
            assertEquals(Outcome.READ, tokens, how + ": the root read the tape, the parser did not");
        }
        return outcome;
    }

    private Outcome checkValues(byte[] tape, String how) {
        Outcome outcome = assertTimeoutPreemptively(BOUND, () -> {
            try (JsonDocument doc = JsonDocument.ofTapeBytes(tape)) {
                readAll(doc);
                return Outcome.READ;
            } catch (CorruptTapeException e) {
                return Outcome.CORRUPT;
            } catch (JsonValueException e) {
                return Outcome.VALUE_EXCEPTION;
            } catch (Throwable e) {
                throw new AssertionError(how + ": " + e, e);
            }
        }, () -> how + ": still reading after " + BOUND);
        outcomes[outcome.ordinal()]++;
        return outcome;
    }

    /** Every accessor of every value, without recursion, then the whole text. */
    private static void readAll(JsonDocument doc) {
        Deque<JsonValue> todo = new ArrayDeque<>();
        todo.push(doc.root());
        int visited = 0;
        while (!todo.isEmpty() && visited++ < 200_000) {
            JsonValue v = todo.pop();
            switch (v.type()) {
                case OBJECT -> {
                    int size = v.size();
                    int n = 0;
                    for (Map.Entry<String, JsonValue> member : v.fields()) {
                        todo.push(member.getValue());
                        if (n++ == 0) {
                            v.get(member.getKey());
                            v.has(member.getKey() + "?");
                        }
                    }
                    for (String name : v.fieldNames()) {
                        name.length();
                    }
                    if (n != size) {
                        throw new AssertionError("an object of size " + size + " has " + n + " members");
                    }
                }
                case ARRAY -> {
                    int size = v.size();
                    int n = 0;
                    for (JsonValue element : v.elements()) {
                        todo.push(element);
                        n++;
                    }
                    if (n != size) {
                        throw new AssertionError("an array of size " + size + " has " + n + " elements");
                    }
                    if (size > 0) {
                        v.get(size - 1);
                    }
                }
                case STRING -> v.asText();
                case NUMBER -> {
                    v.asBigDecimal();
                    v.asDouble();
                    if (v.isIntegral() && v.asBigInteger().bitLength() < 64) {
                        v.asLong();
                    }
                }
                case BOOLEAN -> v.asBoolean();
                case NULL -> v.isNull();
            }
        }
        doc.root().toString();
    }

    /** Every token of the document through its parser, with its text and, for a number, its values. */
    private static void readTokens(JsonDocument doc) throws IOException {
        try (JsonParser p = doc.parser()) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                p.getText();
                p.getTextCharacters();
                if (t.isNumeric()) {
                    p.getNumberType();
                    p.getDoubleValue();
                    if (!p.isNaN()) {
                        p.getDecimalValue();
                    }
                }
            }
        }
    }

    private byte[] corrupt(byte[] tape, SplittableRandom random, String[] how) {
        byte[] t = tape.clone();
        Layout l = new Layout(tape);
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        int changes = 1 + random.nextInt(3);
        StringBuilder what = new StringBuilder();
        for (int c = 0; c < changes; c++) {
            int word = random.nextInt(l.words);
            switch (random.nextInt(9)) {
                case 0 -> {
                    int at = random.nextInt(t.length);
                    t[at] ^= (byte) (1 << random.nextInt(8));
                    what.append("bit flipped at byte ").append(at);
                }
                case 1 -> {
                    int at = random.nextInt(t.length);
                    t[at] = (byte) random.nextInt(256);
                    what.append("byte ").append(at).append(" set");
                }
                case 2 -> {
                    l.put(b, word, random.nextLong());
                    what.append("word ").append(word).append(" random");
                }
                case 3 -> {
                    int tag = random.nextInt(STRING_INLINE + 9);
                    long payload = random.nextBoolean() ? random.nextLong() : random.nextInt(l.words + 2);
                    l.put(b, word, TapeDescriptor.word(tag, payload));
                    what.append("word ").append(word).append(" tag ").append(tag);
                }
                case 4 -> {
                    int other = random.nextInt(l.words);
                    long w = l.word(word);
                    l.put(b, word, l.word(other));
                    l.put(b, other, w);
                    what.append("words ").append(word).append(" and ").append(other).append(" swapped");
                }
                case 5 -> {
                    long w = l.word(word);
                    int tag = TapeDescriptor.tag(w);
                    if (tag == OBJECT || tag == ARRAY) {
                        int span = TapeDescriptor.containerSpan(w) + random.nextInt(-3, 4);
                        int count = Math.max(0, TapeDescriptor.containerCount(w) + random.nextInt(-2, 3));
                        l.put(b, word, TapeDescriptor.container(tag, count, span));
                    } else {
                        l.put(b, word, w + random.nextInt(-3, 4));
                    }
                    what.append("word ").append(word).append(" nudged");
                }
                case 6 -> {
                    int keep = HEADER_BYTES + random.nextInt(t.length - HEADER_BYTES + 1);
                    how[0] = what.append("cut to ").append(keep).append(" bytes").toString();
                    return Arrays.copyOf(t, keep);
                }
                case 7 -> {
                    int words = 1 + random.nextInt(l.words);
                    byte[] cut = new byte[HEADER_BYTES + 8 * words + (t.length - l.keysAt)];
                    System.arraycopy(t, 0, cut, 0, HEADER_BYTES + 8 * words);
                    System.arraycopy(t, l.keysAt, cut, HEADER_BYTES + 8 * words, t.length - l.keysAt);
                    ByteBuffer.wrap(cut).order(ByteOrder.LITTLE_ENDIAN).putInt(TapeDescriptor.TAPE_WORDS_OFFSET, words);
                    how[0] = what.append("tape cut to ").append(words).append(" words, header agreeing").toString();
                    return cut;
                }
                default -> {
                    if (l.strings > 0) {
                        int at = l.stringsAt + random.nextInt(l.strings);
                        t[at] = (byte) random.nextInt(256);
                        what.append("string byte ").append(at - l.stringsAt).append(" set");
                    }
                }
            }
            what.append("; ");
        }
        how[0] = what.toString();
        return t;
    }

    private static byte[] tapeOf(String json) throws IOException {
        return tapeOf(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] tapeOf(byte[] json) throws IOException {
        try (JsonDocument doc = JsonDocument.parse(json)) {
            return doc.tapeBytesCopy();
        }
    }

    /** Where a real tape's sections and words are. */
    private static final class Layout {
        final ByteBuffer tape;
        final int words;
        final int keys;
        final int strings;
        final int keysAt;
        final int stringsAt;

        Layout(byte[] tape) {
            this.tape = ByteBuffer.wrap(tape).order(ByteOrder.LITTLE_ENDIAN);
            this.words = this.tape.getInt(TapeDescriptor.TAPE_WORDS_OFFSET);
            this.keys = this.tape.getInt(TapeDescriptor.KEY_COUNT_OFFSET);
            this.strings = this.tape.getInt(TapeDescriptor.STRING_BYTES_OFFSET);
            this.keysAt = HEADER_BYTES + 8 * words;
            this.stringsAt = keysAt + TapeDescriptor.KEY_ENTRY_BYTES * keys;
        }

        long word(int index) {
            return tape.getLong(HEADER_BYTES + 8 * index);
        }

        void put(ByteBuffer t, int index, long word) {
            t.putLong(HEADER_BYTES + 8 * index, word);
        }

        /** The first word from {@code from} that starts a value (or is a KEY) with that tag; the tape is walked from 0. */
        int indexOf(int tag, int from) {
            for (int i = 0; i < words; ) {
                int t = TapeDescriptor.tag(word(i));
                if (t == tag && i >= from) {
                    return i;
                }
                i += t == OBJECT || t == ARRAY ? 1 : TapeDescriptor.scalarWords(t);
            }
            return fail("no word with tag " + tag + " from " + from);
        }

        int stringAreaIndexOf(String text) {
            byte[] area = Arrays.copyOfRange(tape.array(), stringsAt, stringsAt + strings);
            int at = new String(area, StandardCharsets.ISO_8859_1).indexOf(new String(text.getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1));
            assertTrue(at >= 0, text);
            return at;
        }
    }
}
