package dev.isolates.json;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.isolates.TransferableBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A parsed JSON document laid out flat in shared memory (a {@link TransferableBuffer}), so that
 * sending it to another isolate passes only a handle and the receiver reads the same memory, in
 * place: no tree is built and nothing is copied.
 *
 * <pre>{@code
 * try (IsolatePool pool = IsolatePool.builder().size(2).build()) {
 *     JsonDocument doc = pool.submit(() -> JsonDocument.parse(Path.of("orders.json"))).get();
 *     try (doc) {
 *         long first = doc.root().at("/orders/0/id").asLong();     // read in place
 *         Order order = mapper.readValue(doc.parser(), Order.class); // or bind with Jackson
 *     }
 * }
 * }</pre>
 *
 * <p>The document is kept as a tape of 64-bit words ({@link TapeDescriptor} in the source): numbers
 * decoded once, exactly as written; strings as UTF-8; objects and arrays with their element count
 * and their length, so a subtree is skipped in one step. Every read of a received tape stays inside
 * the buffer and moves forward: a corrupt or hostile tape raises {@link CorruptTapeException}, never
 * a read outside the buffer or an endless loop. {@link #root()} checks the whole tape once before
 * its first read; {@link #parser()} checks as it reads, so binding pays for no separate pass.
 *
 * <p>Parsed in a spawned isolate, the tape is written in that isolate's shared memory; parsed in the
 * main isolate, it is on the heap and copied once if sent. A document that was sent belongs to its
 * receiver: its sender must not read it afterwards. A tape holds at most 2 GiB. Reading is
 * thread-safe; {@link #close()} must not race with reads.
 */
@DefaultSerializer(JsonDocumentSerializer.class)
public final class JsonDocument implements AutoCloseable {
    static final JsonFactory FACTORY = new RawStringJsonFactory(new JsonFactoryBuilder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    private static final Cleaner CLEANER = Cleaner.create();
    /** Files up to this size are read whole, for {@link ByteArrayTapeScanner}; larger ones are streamed. */
    private static final long WHOLE_FILE_BYTES = 32L << 20;

    private final TransferableBuffer buffer;
    private final ByteBuffer local;
    private final Cleaner.Cleanable cleanable;
    private ByteBuffer view;
    /** The tape once opened: its header and sections checked. */
    private volatile Tape tape;
    /** Whether the whole tape was checked ({@link TapeValidator}). */
    private volatile boolean checked;
    private volatile boolean closed;

    private JsonDocument(TransferableBuffer buffer, ByteBuffer local) {
        this.buffer = buffer;
        this.local = local;
        this.cleanable = CLEANER.register(this, buffer::close);
    }

    /** The document of a buffer that arrived from another isolate. */
    static JsonDocument received(TransferableBuffer buffer) {
        return new JsonDocument(buffer, null);
    }

    /** A document over a copy of raw tape bytes, read as a received tape is (checked first); for tests. */
    static JsonDocument ofTapeBytes(byte[] tape) {
        TransferableBuffer buffer = TransferableBuffer.copyOf(tape);
        return new JsonDocument(buffer, buffer.buffer());
    }

    /** A document over a read-only direct copy of raw tape bytes, as a tape received from a worker is read; for tests. */
    static JsonDocument ofDirectTapeBytes(byte[] tape) {
        ByteBuffer direct = ByteBuffer.allocateDirect(tape.length).put(tape).flip();
        return new JsonDocument(TransferableBuffer.copyOf(tape), direct.asReadOnlyBuffer());
    }

    /** A copy of the tape's bytes; for tests. */
    byte[] tapeBytesCopy() {
        ByteBuffer b = (local != null ? local : view).duplicate().clear();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /**
     * Parses one JSON document. Strict UTF-8 JSON whose root is an object or an array is scanned
     * straight into the tape; anything else, malformed input included, goes through Jackson's
     * streaming parser, so errors are Jackson's and so is the tape (the same either way).
     *
     * @param json the document's bytes (UTF-8, or any encoding Jackson detects)
     * @return the document; close it when done
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the bytes are not one JSON value,
     *         with the line and column where parsing stopped, or go past a Jackson limit
     * @throws IOException if reading fails
     */
    public static JsonDocument parse(byte[] json) throws IOException {
        JsonDocument scanned = scanned(json);
        return scanned != null ? scanned : parsedByJackson(json);
    }

    /** The document Jackson's parser makes of {@code json}, as {@link #parse(byte[])} makes one when the scanner leaves it. */
    static JsonDocument parsedByJackson(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return parseWhole(parser);
        }
    }

    /**
     * The document {@link ByteArrayTapeScanner} makes of {@code json}, or null if it leaves the
     * input to Jackson.
     */
    static JsonDocument scanned(byte[] json) throws IOException {
        TapeWriter writer = TapeWriter.take();
        try {
            if (!ByteArrayTapeScanner.scanWhole(json, writer)) {
                return null;
            }
            TransferableBuffer tape = writer.finish(null);
            return new JsonDocument(tape, tape.buffer());
        } finally {
            writer.release();
        }
    }

    /**
     * Parses the JSON document in a file: read whole and parsed as {@link #parse(byte[])} does when
     * it is a regular file of at most 32 MiB (and an eighth of the heap), else streamed through
     * Jackson.
     *
     * @param file the file
     * @return the document; close it when done
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the file is not one JSON value,
     *         with the line and column where parsing stopped, or goes past a Jackson limit
     * @throws IOException if the file cannot be read
     */
    public static JsonDocument parse(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isRegularFile() && attributes.size() <= WHOLE_FILE_BYTES
                && attributes.size() <= Runtime.getRuntime().maxMemory() / 8) {
            return parse(Files.readAllBytes(file));
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
            return parseWhole(parser);
        }
    }

    /**
     * Parses the JSON document that {@code in} holds, reading it to its end. The stream is not closed.
     *
     * @param in the stream
     * @return the document; close it when done
     * @throws com.fasterxml.jackson.core.JsonProcessingException if the stream does not hold one JSON
     *         value, with the line and column where parsing stopped, or goes past a Jackson limit
     * @throws IOException if reading fails
     */
    public static JsonDocument parse(InputStream in) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return parseWhole(parser);
        }
    }

    /**
     * Parses the next value of a parser the caller configured (its limits, its features), for
     * example one value after another of a stream of them. The value starts at the parser's current
     * token, or at its next token when it has none or is on a member's name; the parser is left on
     * the value's last token. Whatever follows is left unread.
     *
     * @param parser the parser
     * @return the document; close it when done
     * @throws com.fasterxml.jackson.core.JsonProcessingException if no value starts there or it is
     *         malformed, with the line and column
     * @throws IOException if reading fails
     */
    public static JsonDocument parse(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null || t == JsonToken.FIELD_NAME) {
            t = parser.nextToken();
        }
        if (t == null) {
            throw new JsonParseException(parser, "no JSON value: the input ends here");
        }
        if (t.isStructEnd()) {
            throw new JsonParseException(parser, "no JSON value starts here: the parser is on " + t);
        }
        TransferableBuffer tape;
        TapeWriter writer = TapeWriter.take();
        try {
            tape = writer.write(parser);
        } catch (StreamConstraintsException e) {
            throw located(e, parser);
        } finally {
            writer.release();
        }
        return new JsonDocument(tape, tape.buffer());
    }

    /** Jackson raises some limits (nesting depth, say) without a location: give them the parser's. */
    private static StreamConstraintsException located(StreamConstraintsException e, JsonParser parser) {
        if (e.getLocation() != null) {
            return e;
        }
        return new StreamConstraintsException(e.getOriginalMessage(), parser.currentLocation());
    }

    private static JsonDocument parseWhole(JsonParser parser) throws IOException {
        JsonDocument doc = null;
        try {
            if (parser.nextToken() == null) {
                throw new JsonParseException(parser, "no JSON value in the input");
            }
            doc = parse(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value in the input: a second one starts here",
                        parser.currentTokenLocation());
            }
            return doc;
        } catch (StreamConstraintsException e) {
            closeIfParsed(doc);
            throw located(e, parser);
        } catch (IOException | RuntimeException e) {
            closeIfParsed(doc);
            throw e;
        }
    }

    private static void closeIfParsed(JsonDocument doc) {
        if (doc != null) {
            doc.close();
        }
    }

    /**
     * The root value, read in place.
     *
     * @return a cursor on the root
     * @throws CorruptTapeException if a received tape does not hold what its layout promises
     * @throws IllegalStateException if the document is closed
     */
    public JsonValue root() {
        tape();
        return new JsonValue(this, 0, null, null, -1);
    }

    /**
     * A Jackson parser over the document, reading the tape in place: the tokens Jackson's own
     * parser gives for the document's bytes, without parsing them again. Bind it as any parser:
     *
     * <pre>{@code
     * ObjectMapper mapper = new ObjectMapper();
     * try (JsonDocument doc = JsonDocument.parse(Path.of("order.json"))) {
     *     Order order = mapper.readValue(doc.parser(), Order.class);
     *     JsonNode tree = mapper.readTree(doc.parser());
     * }
     * try (JsonDocument doc = JsonDocument.parse(Path.of("orders.json"))) {  // an array of orders
     *     JsonParser p = doc.parser();
     *     p.nextToken();          // START_ARRAY
     *     p.clearCurrentToken();  // readValues binds what follows, one order at a time
     *     MappingIterator<Order> orders = mapper.readerFor(Order.class).readValues(p);
     *     orders.forEachRemaining(order -> System.out.println(order.id()));
     * }
     * }</pre>
     *
     * <p>As with any parser a caller hands to {@code readValues}, Jackson binds from where the parser
     * is: handed a parser at the start of an array, it binds the whole array as one value.
     *
     * <p>The parser's numbers are exact ({@code getDecimalValue()} of {@code 12.50} is 12.50, and
     * {@code getText()} gives a number as written); its locations name a word of the tape, not a line
     * and column. Each call gives a new parser at the start of the document; closing it leaves the
     * document open. A parser is for one thread; several may read one document at once.
     *
     * @return a parser with no codec (an {@code ObjectMapper} passed the parser binds it all the same)
     * @throws CorruptTapeException if a received tape's header does not match its size; the parser
     *         raises it while reading where it meets anything else a tape's layout does not allow
     * @throws IllegalStateException if the document is closed; the parser raises it too when its
     *         document is closed while it reads
     */
    public JsonParser parser() {
        return parser(null);
    }

    /**
     * A Jackson parser over the document, as {@link #parser()}, with a codec, so that the parser's own
     * {@code readValueAs} and {@code readValueAsTree} work:
     *
     * <pre>{@code
     * try (JsonDocument doc = JsonDocument.parse(Path.of("order.json"))) {
     *     Order order = doc.parser(new ObjectMapper()).readValueAs(Order.class);
     * }
     * }</pre>
     *
     * @param codec the codec, usually an {@code ObjectMapper}; may be null
     * @return a parser at the start of the document
     * @throws CorruptTapeException if a received tape's header does not match its size; the parser
     *         raises it while reading where it meets anything else a tape's layout does not allow
     * @throws IllegalStateException if the document is closed
     */
    public JsonParser parser(ObjectCodec codec) {
        return new TapeParser(this, codec);
    }

    /**
     * The size of the tape: what the document takes in shared memory.
     *
     * @return its size in bytes
     */
    public long tapeBytes() {
        return buffer.size();
    }

    /** Frees the shared memory. Values read from the document must not be used afterwards. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    /** The tape, opened and checked whole on first use: for readers that trust what they read is in place. */
    Tape tape() {
        Tape t = tape;
        if (t == null || !checked || closed) {
            t = open(true);
        }
        return t;
    }

    /**
     * The tape with only its header and sections checked, for a reader that bounds-checks every read
     * and only moves forward ({@link TapeParser}): a corrupt tape then fails where it is met, and no
     * pass over the whole tape comes first.
     */
    Tape openedTape() {
        Tape t = tape;
        if (t == null || closed) {
            t = open(false);
        }
        return t;
    }

    /** Raises what {@link #tape()} raises on a closed document, for readers that hold the tape. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this JsonDocument is closed");
        }
    }

    private synchronized Tape open(boolean whole) {
        if (closed) {
            throw new IllegalStateException("this JsonDocument is closed");
        }
        if (tape == null) {
            if (view == null) {
                view = local != null ? local : buffer.materialize();
            }
            tape = Tape.open(view);
        }
        if (whole && !checked) {
            TapeValidator.validateKeys(tape);
            TapeValidator.validate(tape);
            checked = true;
        }
        return tape;
    }

    /**
     * For the serializer: the buffer to send. A received document that was read here is no longer
     * sendable as it is (its buffer is materialized), so it goes as a copy.
     */
    synchronized TransferableBuffer forSending() {
        if (closed) {
            throw new IllegalStateException("this JsonDocument is closed and cannot be sent");
        }
        if (local != null || view == null) {
            return buffer;
        }
        TransferableBuffer copy = TransferableBuffer.allocate(view.limit());
        copy.buffer().put(view.duplicate().clear());
        return copy;
    }

    @Override
    public String toString() {
        return "JsonDocument[" + tapeBytes() + " bytes" + (closed ? ", closed]" : "]");
    }
}
