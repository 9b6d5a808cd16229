package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.DECIMAL;
import static dev.isolates.json.TapeDescriptor.DECIMAL_WIDE;
import static dev.isolates.json.TapeDescriptor.FALSE;
import static dev.isolates.json.TapeDescriptor.INT;
import static dev.isolates.json.TapeDescriptor.INTEGER_TEXT;
import static dev.isolates.json.TapeDescriptor.LONG;
import static dev.isolates.json.TapeDescriptor.NULL;
import static dev.isolates.json.TapeDescriptor.NUMBER_TEXT;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.STRING;
import static dev.isolates.json.TapeDescriptor.TRUE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One value of a {@link JsonDocument}, read in place: a cursor into the document's tape, cheap to
 * make, holding no copy of the data. Members and elements are found by walking the tape, skipping
 * a nested object or array in one step.
 *
 * <pre>{@code
 * JsonValue order = doc.root().get("orders").get(0);
 * long id = order.get("id").asLong();
 * String city = order.at("/customer/address/city").asText();
 * for (JsonValue item : order.get("items").elements()) {
 *     total = total.add(item.get("price").asBigDecimal());
 * }
 * }</pre>
 *
 * <p>A member or element that is not there, or a value read as a type it is not, raises
 * {@link JsonValueException} naming the value's JSON Pointer and what was found. Values are
 * immutable and may be read from several threads; the document must stay open while they are read.
 */
public final class JsonValue {
    /** Writes {@link #toString()}: a tape may nest deeper than Jackson's default limit for generators. */
    private static final JsonFactory TEXT = JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build()).build();
    private final JsonDocument document;
    private final Tape tape;
    private final int index;
    /** The value's first word: the tape does not change once checked, so it is read once. */
    private final long word;
    private final JsonValue parent;
    private final String name;
    private final int position;

    JsonValue(JsonDocument document, int index, JsonValue parent, String name, int position) {
        this(document, document.tape(), index, parent, name, position);
    }

    private JsonValue(JsonDocument document, Tape tape, int index, JsonValue parent, String name, int position) {
        this.document = document;
        this.tape = tape;
        this.index = index;
        this.word = tape.word(index);
        this.parent = parent;
        this.name = name;
        this.position = position;
    }

    /** The tape, once the document is known to be open. */
    private Tape tape() {
        document.checkOpen();
        return tape;
    }

    private int tag() {
        document.checkOpen();
        return TapeDescriptor.tag(word);
    }

    /**
     * The kind of value.
     *
     * @return its type
     */
    public JsonType type() {
        int tag = tag();
        return switch (tag) {
            case OBJECT -> JsonType.OBJECT;
            case ARRAY -> JsonType.ARRAY;
            case STRING -> JsonType.STRING;
            case INT, LONG, INTEGER_TEXT, DECIMAL, DECIMAL_WIDE, NUMBER_TEXT -> JsonType.NUMBER;
            case TRUE, FALSE -> JsonType.BOOLEAN;
            case NULL -> JsonType.NULL;
            default -> {
                if (TapeDescriptor.isInlineString(tag)) {
                    yield JsonType.STRING;
                }
                throw new CorruptTapeException("word " + index + " has the unknown tag " + tag);
            }
        };
    }

    /**
     * Where this value is in its document.
     *
     * @return its RFC 6901 JSON Pointer, {@code ""} for the root
     */
    public String pointer() {
        if (parent == null) {
            return "";
        }
        java.util.ArrayList<String> segments = new java.util.ArrayList<>();
        for (JsonValue v = this; v.parent != null; v = v.parent) { // a loop: a received tape may nest very deep
            segments.add(v.name != null ? v.name.replace("~", "~0").replace("/", "~1") : Integer.toString(v.position));
        }
        StringBuilder s = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {
            s.append('/').append(segments.get(i));
        }
        return s.toString();
    }

    /**
     * The number of members of an object, or of elements of an array.
     *
     * @return its size
     * @throws JsonValueException if this is neither an object nor an array
     */
    public int size() {
        container();
        long w = word;
        int count = TapeDescriptor.containerCount(w);
        if (count < TapeDescriptor.SATURATED_COUNT) {
            return count;
        }
        int n = 0;
        int step = TapeDescriptor.tag(w) == OBJECT ? 1 : 0;
        for (int i = index + 1, end = tape.next(index, word); i < end; i = tape.next(i + step)) {
            n++;
        }
        return n;
    }

    /**
     * The value of an object's member; the first, if the name occurs more than once.
     *
     * @param memberName the member's name
     * @return its value
     * @throws JsonValueException if this is not an object, or has no member of that name
     */
    public JsonValue get(String memberName) {
        JsonValue v = member(memberName);
        if (v == null) {
            throw new JsonValueException(childPointer(memberName), null, "no member '" + memberName + "' at "
                    + describePointer() + " (an object of " + size() + " members)");
        }
        return v;
    }

    /**
     * The value of an object's member, if it has one of that name.
     *
     * @param memberName the member's name
     * @return its value, or empty
     * @throws JsonValueException if this is not an object
     */
    public Optional<JsonValue> find(String memberName) {
        return Optional.ofNullable(member(memberName));
    }

    /**
     * Whether an object has a member of that name.
     *
     * @param memberName the member's name
     * @return true if it has
     * @throws JsonValueException if this is not an object
     */
    public boolean has(String memberName) {
        return member(memberName) != null;
    }

    private JsonValue member(String memberName) {
        require(OBJECT, "an object");
        for (int i = index + 1, end = tape.next(index, word); i < end; i = tape.next(i + 1)) {
            if (tape.keyAt(i).equals(memberName)) {
                return new JsonValue(document, tape, i + 1, this, memberName, -1);
            }
        }
        return null;
    }

    /**
     * An array's element.
     *
     * @param elementIndex from 0
     * @return the element
     * @throws JsonValueException if this is not an array, or has no element at that index
     */
    public JsonValue get(int elementIndex) {
        require(ARRAY, "an array");
        int n = 0;
        if (elementIndex >= 0) {
            for (int i = index + 1, end = tape.next(index, word); i < end; i = tape.next(i), n++) {
                if (n == elementIndex) {
                    return new JsonValue(document, tape, i, this, null, n);
                }
            }
        }
        throw new JsonValueException(pointer() + "/" + elementIndex, null,
                "no element " + elementIndex + " at " + describePointer() + " (an array of " + size() + " elements)");
    }

    /**
     * The value at an RFC 6901 JSON Pointer relative to this one: {@code ""} is this value,
     * {@code "/orders/0/id"} the member {@code id} of the first element of the member {@code orders};
     * {@code ~1} stands for {@code /} and {@code ~0} for {@code ~} in a name.
     *
     * @param jsonPointer the pointer
     * @return the value there
     * @throws JsonValueException if nothing is there, or a step meets a value that is not an object or array
     * @throws IllegalArgumentException if the pointer is not a JSON Pointer
     */
    public JsonValue at(String jsonPointer) {
        if (!jsonPointer.isEmpty() && jsonPointer.charAt(0) != '/') {
            throw new IllegalArgumentException("a JSON Pointer is empty or starts with '/': '" + jsonPointer + "'");
        }
        JsonValue v = this;
        int from = 1;
        while (from <= jsonPointer.length() && !jsonPointer.isEmpty()) {
            int to = jsonPointer.indexOf('/', from);
            if (to < 0) {
                to = jsonPointer.length();
            }
            String segment = unescape(jsonPointer.substring(from, to), jsonPointer);
            JsonType type = v.type();
            if (type == JsonType.OBJECT) {
                v = v.get(segment);
            } else if (type == JsonType.ARRAY) {
                v = v.get(arrayIndex(segment, v));
            } else {
                throw new JsonValueException(v.pointer() + "/" + segment.replace("~", "~0").replace("/", "~1"), null,
                        "cannot step into " + v.describePointer() + ": it is " + article(type) + ", not an object or array");
            }
            from = to + 1;
        }
        return v;
    }

    private static String unescape(String segment, String pointer) {
        if (segment.indexOf('~') < 0) {
            return segment;
        }
        StringBuilder s = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '~') {
                char n = i + 1 < segment.length() ? segment.charAt(i + 1) : ' ';
                if (n != '0' && n != '1') {
                    throw new IllegalArgumentException("'~' in a JSON Pointer must be followed by 0 or 1: '" + pointer + "'");
                }
                s.append(n == '0' ? '~' : '/');
                i++;
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static int arrayIndex(String segment, JsonValue array) {
        boolean digits = !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(c -> c >= '0' && c <= '9')
                && (segment.length() == 1 || segment.charAt(0) != '0');
        if (!digits) {
            throw new JsonValueException(array.pointer() + "/" + segment, null, "'" + segment + "' is not an index of "
                    + array.describePointer() + ", an array of " + array.size() + " elements");
        }
        return Integer.parseInt(segment);
    }

    /**
     * The names of an object's members, in document order (duplicates included).
     *
     * @return the names
     * @throws JsonValueException if this is not an object
     */
    public Iterable<String> fieldNames() {
        require(OBJECT, "an object");
        return () -> new Walk<>(true) {
            @Override
            String at(int key, JsonValue value) {
                return tape.keyAt(key);
            }
        };
    }

    /**
     * An array's elements, or an object's member values, in document order.
     *
     * @return the values
     * @throws JsonValueException if this is neither an object nor an array
     */
    public Iterable<JsonValue> elements() {
        container();
        boolean object = tag() == OBJECT;
        return () -> new Walk<>(object) {
            @Override
            JsonValue at(int key, JsonValue value) {
                return value;
            }
        };
    }

    /**
     * Counts what this value holds (every value, every object member, the deepest nesting) in one
     * pass over its words of the tape, making no cursor for each value.
     *
     * @return the counts; for a scalar, one value, no keys, depth 0
     */
    public JsonCounts counts() {
        return tape().counts(index);
    }

    /**
     * An object's members as name and value, in document order (duplicates included).
     *
     * @return the members
     * @throws JsonValueException if this is not an object
     */
    public Iterable<Map.Entry<String, JsonValue>> fields() {
        require(OBJECT, "an object");
        return () -> new Walk<>(true) {
            @Override
            Map.Entry<String, JsonValue> at(int key, JsonValue value) {
                return new AbstractMap.SimpleImmutableEntry<>(value.name, value);
            }
        };
    }

    /**
     * Walks the members or elements of this container, reading each word once. Each walk numbers
     * an array's elements from 0.
     */
    private abstract class Walk<T> implements Iterator<T> {
        private final boolean object;
        private final int end;
        private int next;
        private int position;

        Walk(boolean object) {
            this.object = object;
            this.end = tape().next(index, word);
            this.next = index + 1;
        }

        /** What the walk yields for the member whose KEY word is at {@code key} (-1 in an array) and its value. */
        abstract T at(int key, JsonValue value);

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        public T next() {
            if (next >= end) {
                throw new NoSuchElementException("no more members or elements at " + describePointer());
            }
            document.checkOpen();
            int key = object ? next : -1;
            int at = object ? next + 1 : next;
            if (at >= end) {
                throw new CorruptTapeException("the object member named at word " + key + " has no value");
            }
            JsonValue value = object
                    ? new JsonValue(document, tape, at, JsonValue.this, tape.keyAt(key), -1)
                    : new JsonValue(document, tape, at, JsonValue.this, null, position++);
            next = tape.next(at, value.word);
            return at(key, value);
        }
    }

    /**
     * A string's text.
     *
     * @return the string
     * @throws JsonValueException if this is not a string
     */
    public String asText() {
        if (type() != JsonType.STRING) {
            throw wrongType("a string");
        }
        return tape().text(index, word);
    }

    /**
     * An integer's value.
     *
     * @return the value
     * @throws JsonValueException if this is not an integer, or does not fit in a long
     */
    public long asLong() {
        int tag = integral("an integer");
        if (tag == INT || tag == LONG) {
            return tape().integer(index);
        }
        BigInteger v = tape().bigInteger(index);
        if (v.bitLength() >= 64) {
            throw new JsonValueException(pointer(), JsonType.NUMBER, describePointer() + " is " + v + ", which does not fit in a long");
        }
        return v.longValue();
    }

    /**
     * An integer's value.
     *
     * @return the value
     * @throws JsonValueException if this is not an integer, or does not fit in an int
     */
    public int asInt() {
        long v = asLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new JsonValueException(pointer(), JsonType.NUMBER, describePointer() + " is " + v + ", which does not fit in an int");
        }
        return (int) v;
    }

    /**
     * A number's nearest double.
     *
     * @return the value, rounded to the nearest double as {@link Double#parseDouble} would
     * @throws JsonValueException if this is not a number
     */
    public double asDouble() {
        number();
        return tape().doubleValue(index, word);
    }

    /**
     * A number's exact value, with the digits it was written with.
     *
     * @return the value
     * @throws JsonValueException if this is not a number
     */
    public BigDecimal asBigDecimal() {
        number();
        return tape().decimal(index);
    }

    /**
     * An integer's exact value, of any size.
     *
     * @return the value
     * @throws JsonValueException if this is not an integer
     */
    public BigInteger asBigInteger() {
        integral("an integer");
        return tape().bigInteger(index);
    }

    /**
     * Whether this is an integer (written without a point or an exponent).
     *
     * @return true for an integer
     */
    public boolean isIntegral() {
        int tag = tag();
        return tag == INT || tag == LONG || tag == INTEGER_TEXT;
    }

    /**
     * A boolean's value.
     *
     * @return the value
     * @throws JsonValueException if this is not a boolean
     */
    public boolean asBoolean() {
        int tag = tag();
        if (tag != TRUE && tag != FALSE) {
            throw wrongType("a boolean");
        }
        return tag == TRUE;
    }

    /**
     * Whether this is {@code null}.
     *
     * @return true for null
     */
    public boolean isNull() {
        return tag() == NULL;
    }

    /**
     * Writes this value to a Jackson generator: strings and names as Jackson writes them, numbers
     * exactly as written in the document.
     *
     * @param out the generator
     * @throws IOException if the generator fails
     */
    public void writeTo(JsonGenerator out) throws IOException {
        new TapeJsonWriter(tape(), out).write(index);
    }

    /**
     * The value as compact JSON text.
     *
     * @return the JSON text
     */
    @Override
    public String toString() {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = TEXT.createGenerator(s)) {
            writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    int index() {
        return index;
    }

    JsonDocument document() {
        return document;
    }

    private void number() {
        if (type() != JsonType.NUMBER) {
            throw wrongType("a number");
        }
    }

    private int integral(String expected) {
        int tag = tag();
        if (tag != INT && tag != LONG && tag != INTEGER_TEXT) {
            throw wrongType(expected);
        }
        return tag;
    }

    private void container() {
        int tag = tag();
        if (tag != OBJECT && tag != ARRAY) {
            throw wrongType("an object or array");
        }
    }

    private void require(int tag, String expected) {
        if (tag() != tag) {
            throw wrongType(expected);
        }
    }

    private JsonValueException wrongType(String expected) {
        JsonType found = type();
        String what = found == JsonType.NUMBER && !isIntegral() ? "a decimal number (" + tape().numberText(index) + ")" : article(found);
        return new JsonValueException(pointer(), found, describePointer() + " is " + what + ", not " + expected);
    }

    private String childPointer(String memberName) {
        return pointer() + "/" + memberName.replace("~", "~0").replace("/", "~1");
    }

    private String describePointer() {
        String p = pointer();
        return p.isEmpty() ? "the root" : "'" + p + "'";
    }

    private static String article(JsonType type) {
        return switch (type) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
        };
    }
}
