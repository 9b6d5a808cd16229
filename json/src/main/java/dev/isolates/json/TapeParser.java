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

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.VersionUtil;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Jackson's tokens read straight from a tape ({@link TapeDescriptor}): the tokens, number types and
 * values Jackson's own parser gives for the bytes the tape was parsed from, without parsing again.
 * Numbers come decoded from the tape (exact; {@link #getText()} gives them as written), member
 * names from the tape's key cache (the same {@code String} for the same name), and
 * {@link #skipChildren()} jumps past a container in one step. Iterative: a tape may nest as deep as
 * it is long.
 *
 * <p>A {@link CorruptTapeException} from the tape (memory changed after it was checked, bytes that
 * are not UTF-8) propagates as it is. Reading a closed document raises {@link IllegalStateException}.
 * Closing the parser does not close its document. Not thread-safe: one parser per reading thread.
 */
final class TapeParser extends ParserMinimalBase {
    private static final Version VERSION = VersionUtil.parseVersion(
            TapeParser.class.getPackage().getImplementationVersion(), "dev.isolates", "isolates-json");
    private static final ContentReference SOURCE = ContentReference.rawReference(false, JsonDocument.class);

    private final JsonDocument document;
    private final Tape tape;
    private ObjectCodec codec;
    private boolean closed;
    /** The word the next token starts at. */
    private int next;
    /** The word of the current token: a container's or scalar's first word, or a member's KEY word. */
    private int current = -1;
    /** The first word of the current scalar. */
    private long word;
    private Context context;
    /** The number of tokens read: what the caches below belong to is told by {@link #cachedToken}. */
    private int token;
    private int cachedToken = -1;
    /** The current scalar's text once asked for (a string, a number as written). */
    private String text;
    private char[] textChars;
    /** The value of a current INTEGER_TEXT token once asked for. */
    private BigInteger bigInteger;
    private final WordWindow words;
    /** The string bytes of a direct buffer, copied a stretch at a time rather than one string at a time. */
    private final ByteWindow strings = new ByteWindow();
    /**
     * Strings of up to 7 bytes by their word, made once per parser: such a word holds the whole
     * string, so the same word is the same string (enum names, short tags and codes recur).
     */
    private long[] inlineWords;
    private String[] inlineStrings;
    private static final int INLINE_SLOTS_SHIFT = 56; // 256 slots

    TapeParser(JsonDocument document, ObjectCodec codec) {
        super(JsonDocument.FACTORY.getParserFeatures(), JsonDocument.FACTORY.streamReadConstraints());
        this.document = document;
        this.codec = codec;
        this.tape = document.openedTape();
        this.words = new WordWindow(tape);
        this.context = new Context(null, JsonStreamContext.TYPE_ROOT, tape.next(0));
    }

    /** One level of the document the parser is in; reused, as Jackson reuses its contexts. */
    private static final class Context extends JsonStreamContext {
        private final Context parent;
        private Context child;
        /** The word past this container's last. */
        private int end;
        private String name;
        private Object value;

        Context(Context parent, int type, int end) {
            super(type, -1);
            this.parent = parent;
            this._nestingDepth = parent == null ? 0 : parent._nestingDepth + 1;
            this.end = end;
        }

        Context enter(int type, int end) {
            Context c = child;
            if (c == null) {
                c = new Context(this, type, end);
                child = c;
                return c;
            }
            c._type = type;
            c._index = -1;
            c.end = end;
            c.name = null;
            c.value = null;
            return c;
        }

        /** One more entry: an array's element, an object's member, the root value. */
        void advance() {
            _index++;
        }

        @Override
        public Context getParent() {
            return parent;
        }

        @Override
        public String getCurrentName() {
            return name;
        }

        @Override
        public Object getCurrentValue() {
            return value;
        }

        @Override
        public void setCurrentValue(Object v) {
            value = v;
        }
    }

    /*
     * Tokens.
     */

    @Override
    public JsonToken nextToken() throws IOException {
        if (closed) {
            return _currToken = null;
        }
        Tape tape = this.tape;
        document.checkOpen();
        token++;
        if (_currToken == JsonToken.FIELD_NAME) {
            return _currToken = value(tape, next);
        }
        Context c = context;
        if (next >= c.end) {
            return end(c);
        }
        c.advance();
        if (c.inObject()) {
            return _currToken = member(tape, c);
        }
        return _currToken = value(tape, next);
    }

    @Override
    public String nextFieldName() throws IOException {
        Context c = context;
        if (_currToken != JsonToken.FIELD_NAME && c.inObject() && next < c.end && !closed) {
            document.checkOpen();
            token++;
            c.advance();
            _currToken = member(tape, c);
            return c.name;
        }
        return nextToken() == JsonToken.FIELD_NAME ? context.name : null;
    }

    @Override
    public boolean nextFieldName(SerializableString name) throws IOException {
        String found = nextFieldName();
        if (found == null) {
            return false;
        }
        String wanted = name.getValue();
        return wanted == found || wanted.equals(found); // names come from the key cache: mostly the same instance
    }

    /** An object member's name, at {@code next}. */
    private JsonToken member(Tape tape, Context c) {
        int at = next;
        String name = tape.key(Tape.keyIndex(at, words.word(at)));
        c.name = name;
        current = at;
        next = at + 1;
        if (next >= c.end) {
            throw new CorruptTapeException("the object member named at word " + at + " has no value");
        }
        return JsonToken.FIELD_NAME;
    }

    /** The token of each scalar tag; null for containers and unknown tags. */
    private static final JsonToken[] SCALAR_TOKENS = new JsonToken[TapeDescriptor.STRING_INLINE + TapeDescriptor.MAX_INLINE_STRING + 1];

    /** The words of each scalar tag's value. */
    private static final int[] SCALAR_WORDS = new int[SCALAR_TOKENS.length];

    static {
        for (int tag = 0; tag < SCALAR_WORDS.length; tag++) {
            SCALAR_WORDS[tag] = TapeDescriptor.scalarWords(tag);
        }
        SCALAR_TOKENS[INT] = JsonToken.VALUE_NUMBER_INT;
        SCALAR_TOKENS[LONG] = JsonToken.VALUE_NUMBER_INT;
        SCALAR_TOKENS[INTEGER_TEXT] = JsonToken.VALUE_NUMBER_INT;
        SCALAR_TOKENS[DECIMAL] = JsonToken.VALUE_NUMBER_FLOAT;
        SCALAR_TOKENS[DECIMAL_WIDE] = JsonToken.VALUE_NUMBER_FLOAT;
        SCALAR_TOKENS[NUMBER_TEXT] = JsonToken.VALUE_NUMBER_FLOAT;
        SCALAR_TOKENS[TRUE] = JsonToken.VALUE_TRUE;
        SCALAR_TOKENS[FALSE] = JsonToken.VALUE_FALSE;
        SCALAR_TOKENS[NULL] = JsonToken.VALUE_NULL;
        SCALAR_TOKENS[STRING] = JsonToken.VALUE_STRING;
        for (int n = 0; n <= TapeDescriptor.MAX_INLINE_STRING; n++) {
            SCALAR_TOKENS[TapeDescriptor.STRING_INLINE + n] = JsonToken.VALUE_STRING;
        }
    }

    /** The value at word {@code at}, entering it if it is a container. */
    private JsonToken value(Tape tape, int at) {
        long w = words.word(at);
        int tag = TapeDescriptor.tag(w);
        Context c = context;
        current = at;
        if (tag == OBJECT || tag == ARRAY) {
            long after = at + (TapeDescriptor.containerSpan(w) & 0xFFFF_FFFFL);
            if (after <= at || after > c.end) {
                throw pastEnd(at, c);
            }
            next = at + 1;
            context = c.enter(tag == OBJECT ? JsonStreamContext.TYPE_OBJECT : JsonStreamContext.TYPE_ARRAY, (int) after);
            return tag == OBJECT ? JsonToken.START_OBJECT : JsonToken.START_ARRAY;
        }
        JsonToken t = tag < SCALAR_TOKENS.length ? SCALAR_TOKENS[tag] : null;
        if (t == null) {
            throw new CorruptTapeException("word " + at + " has the unknown tag " + tag);
        }
        int after = at + SCALAR_WORDS[tag];
        if (after > c.end) {
            throw pastEnd(at, c);
        }
        word = w;
        next = after;
        return t;
    }

    private static CorruptTapeException pastEnd(int at, Context c) {
        return new CorruptTapeException("the value at word " + at + " runs past the end of its container at word " + c.end);
    }

    /** The end of context {@code c}, or of the input once the root value was read. */
    private JsonToken end(Context c) {
        current = c.end;
        if (c.parent == null) {
            close();
            return _currToken = null;
        }
        next = c.end;
        context = c.parent;
        return _currToken = c.inObject() ? JsonToken.END_OBJECT : JsonToken.END_ARRAY;
    }

    /** On a container's start, goes to its end in one step; elsewhere does nothing. */
    @Override
    public TapeParser skipChildren() throws IOException {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            document.checkOpen();
            token++;
            end(context);
        }
        return this;
    }

    @Override
    protected void _handleEOF() {
        // A tape always holds whole values: the input never ends inside one.
    }

    /*
     * Names and context.
     */

    @Override
    public String currentName() {
        if (_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY) {
            return context.parent.name;
        }
        return context.name;
    }

    @Deprecated
    @Override
    public String getCurrentName() {
        return currentName();
    }

    @Override
    public void overrideCurrentName(String name) {
        Context c = _currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY ? context.parent : context;
        c.name = name;
        token++; // a name's characters, once asked for, were the old name's
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return context;
    }

    /** No line or column: a location is the byte offset of a word in the document's tape. */
    @Override
    public JsonLocation currentLocation() {
        return location(next);
    }

    @Override
    public JsonLocation currentTokenLocation() {
        return location(current);
    }

    @Deprecated
    @Override
    public JsonLocation getCurrentLocation() {
        return currentLocation();
    }

    @Deprecated
    @Override
    public JsonLocation getTokenLocation() {
        return currentTokenLocation();
    }

    private static JsonLocation location(int word) {
        return word < 0 ? JsonLocation.NA
                : new JsonLocation(SOURCE, TapeDescriptor.HEADER_BYTES + 8L * word, -1L, -1, -1);
    }

    /*
     * Text.
     */

    @Override
    public String getText() throws IOException {
        JsonToken t = _currToken;
        if (t == null) {
            return null;
        }
        if (t == JsonToken.FIELD_NAME) {
            return context.name;
        }
        ownCaches();
        String s = text;
        if (s != null) {
            return s;
        }
        document.checkOpen();
        if (t == JsonToken.VALUE_STRING) {
            long w = word;
            s = TapeDescriptor.isInlineString(TapeDescriptor.tag(w)) ? inlineString(w) : tape.text(current, w, strings);
            text = s;
            return s;
        }
        switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> s = tape.numberText(current);
            default -> {
                return t.asString();
            }
        }
        text = s;
        return s;
    }

    /** Empties the caches of text and value if they belong to an earlier token. */
    private void ownCaches() {
        if (cachedToken != token) {
            text = null;
            textChars = null;
            bigInteger = null;
            cachedToken = token;
        }
    }

    /** The string of the inline-string word {@code w} of the current token, from the cache if it is there. */
    private String inlineString(long w) {
        String[] strings = inlineStrings;
        long[] words = inlineWords;
        if (strings == null) {
            strings = new String[1 << (64 - INLINE_SLOTS_SHIFT)];
            words = new long[strings.length];
            inlineStrings = strings;
            inlineWords = words;
        }
        int slot = (int) ((w * 0x9E37_79B9_7F4A_7C15L) >>> INLINE_SLOTS_SHIFT);
        String s = strings[slot];
        if (s != null && words[slot] == w) {
            return s;
        }
        s = tape.text(current, w);
        strings[slot] = s;
        words[slot] = w;
        return s;
    }

    @Override
    public char[] getTextCharacters() throws IOException {
        ownCaches();
        char[] chars = textChars;
        if (chars == null) {
            String s = getText();
            if (s == null) {
                return null;
            }
            chars = s.toCharArray();
            textChars = chars;
        }
        return chars;
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public int getTextLength() throws IOException {
        String s = getText();
        return s == null ? 0 : s.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        if (_currToken != JsonToken.VALUE_STRING) {
            _reportError("Current token (" + _currToken + ") not VALUE_STRING, can not access as binary");
        }
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        _decodeBase64(getText(), bytes, variant);
        return bytes.toByteArray();
    }

    /*
     * Numbers.
     */

    /** The tag of the current number, or Jackson's error when the current token is not one. */
    private int numberTag(Tape tape) throws IOException {
        JsonToken t = _currToken;
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            _reportError("Current token (" + t + ") not numeric, can not use numeric value accessors");
        }
        return TapeDescriptor.tag(word);
    }

    private BigInteger integerText(Tape tape) {
        ownCaches();
        BigInteger b = bigInteger;
        if (b == null) {
            b = tape.bigInteger(current);
            bigInteger = b;
        }
        return b;
    }

    @Override
    public NumberType getNumberType() throws IOException {
        document.checkOpen();
        return switch (numberTag(tape)) {
            case INT -> {
                long v = TapeDescriptor.signed56(word);
                yield (int) v == v ? NumberType.INT : NumberType.LONG;
            }
            case LONG -> {
                long v = tape.integer(current);
                yield (int) v == v ? NumberType.INT : NumberType.LONG;
            }
            case INTEGER_TEXT -> {
                int bits = integerText(tape).bitLength();
                yield bits < 32 ? NumberType.INT : bits < 64 ? NumberType.LONG : NumberType.BIG_INTEGER;
            }
            default -> NumberType.DOUBLE;
        };
    }

    @Override
    public Number getNumberValue() throws IOException {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return getDoubleValue();
        }
        return integerValue();
    }

    /** For a float, its value as a BigDecimal, as Jackson's parsers give it; NaN and infinities as a Double. */
    @Override
    public Number getNumberValueExact() throws IOException {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return isNaN() ? (Number) getDoubleValue() : getDecimalValue();
        }
        return integerValue();
    }

    /** As Jackson's parsers: a float as its text, for a {@code TokenBuffer} to decode exactly when asked. */
    @Override
    public Object getNumberValueDeferred() throws IOException {
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return getText();
        }
        return integerValue();
    }

    private Number integerValue() throws IOException {
        return switch (getNumberType()) {
            case INT -> getIntValue();
            case LONG -> getLongValue();
            default -> getBigIntegerValue();
        };
    }

    @Override
    public int getIntValue() throws IOException {
        document.checkOpen();
        long w = word;
        if (_currToken == JsonToken.VALUE_NUMBER_INT && TapeDescriptor.tag(w) == INT) {
            long v = TapeDescriptor.signed56(w);
            if ((int) v == v) {
                return (int) v;
            }
            reportOverflowInt(getText(), _currToken);
        }
        return switch (numberTag(tape)) {
            case LONG -> {
                long v = tape.integer(current);
                if ((int) v != v) {
                    reportOverflowInt(getText(), _currToken);
                }
                yield (int) v;
            }
            case INTEGER_TEXT -> {
                BigInteger b = integerText(tape);
                if (b.bitLength() > 31) {
                    reportOverflowInt(getText(), _currToken);
                }
                yield b.intValue();
            }
            default -> {
                double d = tape.doubleValue(current);
                if (!(d >= MIN_INT_D && d <= MAX_INT_D)) {
                    reportOverflowInt(getText(), _currToken);
                }
                yield (int) d;
            }
        };
    }

    @Override
    public long getLongValue() throws IOException {
        document.checkOpen();
        long w = word;
        if (_currToken == JsonToken.VALUE_NUMBER_INT && TapeDescriptor.tag(w) == INT) {
            return TapeDescriptor.signed56(w);
        }
        return switch (numberTag(tape)) {
            case INT, LONG -> tape.integer(current);
            case INTEGER_TEXT -> {
                BigInteger b = integerText(tape);
                if (b.bitLength() > 63) {
                    reportOverflowLong(getText(), _currToken);
                }
                yield b.longValue();
            }
            default -> {
                double d = tape.doubleValue(current);
                if (!(d >= MIN_LONG_D && d <= MAX_LONG_D)) {
                    reportOverflowLong(getText(), _currToken);
                }
                yield (long) d;
            }
        };
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        document.checkOpen();
        return switch (numberTag(tape)) {
            case INT, LONG -> BigInteger.valueOf(tape.integer(current));
            case INTEGER_TEXT -> integerText(tape);
            default -> {
                BigDecimal d = getDecimalValue();
                _streamReadConstraints.validateBigIntegerScale(d.scale());
                yield d.toBigInteger();
            }
        };
    }

    /** The value as written, rounded once to the nearest float. */
    @Override
    public float getFloatValue() throws IOException {
        document.checkOpen();
        return switch (numberTag(tape)) {
            case INT, LONG -> (float) tape.integer(current);
            case INTEGER_TEXT -> integerText(tape).floatValue();
            default -> {
                if (isNaN()) {
                    yield (float) tape.doubleValue(current);
                }
                yield Float.parseFloat(getText());
            }
        };
    }

    @Override
    public double getDoubleValue() throws IOException {
        document.checkOpen();
        JsonToken t = _currToken;
        long w = word;
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            switch (TapeDescriptor.tag(w)) {
                case DECIMAL -> {
                    return Tape.decimalDouble(TapeDescriptor.decimalUnscaled(w), TapeDescriptor.decimalScale(w));
                }
                case INT -> {
                    return TapeDescriptor.signed56(w);
                }
                case DECIMAL_WIDE, NUMBER_TEXT -> {
                    return tape.doubleValue(current, w);
                }
                default -> {
                }
            }
        }
        if (numberTag(tape) == INTEGER_TEXT) {
            return integerText(tape).doubleValue();
        }
        return tape.doubleValue(current);
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        document.checkOpen();
        int tag = numberTag(tape);
        if (tag == DECIMAL) {
            long w = word;
            return BigDecimal.valueOf(TapeDescriptor.decimalUnscaled(w), Tape.scale(current, TapeDescriptor.decimalScale(w)));
        }
        if (tag == INTEGER_TEXT) {
            return new BigDecimal(integerText(tape));
        }
        if (isNaN()) {
            _reportError("Cannot convert " + getText() + " into a BigDecimal");
        }
        return tape.decimal(current);
    }

    /** Whether the current token is a NaN or an infinity written as such (a parser that allows them wrote it). */
    @Override
    public boolean isNaN() throws IOException {
        if (_currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        document.checkOpen();
        if (tape.tag(current) != NUMBER_TEXT || Double.isFinite(tape.doubleValue(current))) {
            return false;
        }
        String s = getText();
        return !s.isEmpty() && !Character.isDigit(s.charAt(s.length() - 1));
    }

    /*
     * The rest of a parser.
     */

    @Override
    public ObjectCodec getCodec() {
        return codec;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        this.codec = codec;
    }

    @Override
    public Version version() {
        return VERSION;
    }

    /** Ends the tokens; the document stays open. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }
}
