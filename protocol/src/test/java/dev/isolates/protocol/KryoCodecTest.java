package dev.isolates.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KryoCodecTest {
    private final KryoCodec codec = KryoCodec.standard();

    interface SerializableFunction<A, B> extends Function<A, B>, Serializable {
    }

    interface SerializableSupplier<T> extends Supplier<T>, Serializable {
    }

    record Point(int x, int y, String label) {
    }

    record Order(UUID id, List<Point> points, Map<String, Integer> counts) {
    }

    static final class Connection {
        final String host;
        final Socket socket;

        Connection(String host, Socket socket) {
            this.host = host;
            this.socket = socket;
        }
    }

    static final class Client {
        final String name;
        final Connection conn;

        Client(String name, Connection conn) {
            this.name = name;
            this.conn = conn;
        }
    }

    static final class Job {
        String name = "job";
        Runnable task;
    }

    /** FileDescriptor is a final class, so Kryo knows the field's serializer without looking at the value. */
    static final class Descriptor {
        String name = "log";
        java.io.FileDescriptor fd;
    }

    static final class Node {
        Node next;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private byte[] encode(Object value) {
        Output out = new Output(256, -1);
        codec.encode(value, out);
        return out.toBytes();
    }

    private Object roundTrip(Object value) {
        return codec.decode(encode(value));
    }

    @Test
    void shouldRoundTripRecords() {
        Point p = new Point(3, -4, "corner");
        assertEquals(p, roundTrip(p));
        Order order = new Order(UUID.randomUUID(), List.of(p, new Point(0, 0, null)), Map.of("a", 1, "b", 2));
        assertEquals(order, roundTrip(order));
    }

    @Test
    void shouldRoundTripImmutableCollections() {
        List<Object> list = List.of("a", 1, 2.5, List.of());
        Map<String, Object> map = Map.of("k", "v", "n", 42, "nested", Map.of("x", List.of(1, 2)));
        Set<String> set = Set.of("one", "two", "three");
        assertEquals(list, roundTrip(list));
        assertEquals(map, roundTrip(map));
        assertEquals(set, roundTrip(set));
        assertEquals(List.of(), roundTrip(List.of()));
        assertEquals(List.of(7), roundTrip(List.of(7)));
    }

    @Test
    void shouldRoundTripUnmodifiableWrappersStillUnmodifiable() {
        List<String> list = Collections.unmodifiableList(new ArrayList<>(List.of("x", "y")));
        Object decodedList = roundTrip(list);
        assertEquals(list, decodedList);
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) decodedList).clear());

        Map<String, Integer> map = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("a", 1)));
        Object decodedMap = roundTrip(map);
        assertEquals(map, decodedMap);
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) decodedMap).clear());

        Map<String, Integer> sorted = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("b", 2, "a", 1)));
        assertEquals(sorted, roundTrip(sorted));
    }

    @Test
    void shouldRoundTripMutableCollectionsAndArrays() {
        ArrayList<Object> list = new ArrayList<>(List.of("a", 0, UUID.randomUUID()));
        assertEquals(list, roundTrip(list));
        byte[] bytes = {1, 2, 3};
        assertTrue(java.util.Arrays.equals(bytes, (byte[]) roundTrip(bytes)));
        String[] strings = {"a", null, "c"};
        assertTrue(java.util.Arrays.equals(strings, (String[]) roundTrip(strings)));
    }

    @Test
    void shouldRoundTripUuid() {
        UUID id = UUID.randomUUID();
        assertEquals(id, roundTrip(id));
    }

    @Test
    void shouldKeepSharedReferencesShared() {
        Point p = new Point(1, 2, "shared");
        List<Point> twice = new ArrayList<>(List.of(p, p));
        @SuppressWarnings("unchecked")
        List<Point> decoded = (List<Point>) roundTrip(twice);
        assertEquals(twice, decoded);
        assertTrue(decoded.get(0) == decoded.get(1), "one object referenced twice stays one object");
    }

    @Test
    void shouldRoundTripSerializableLambdaWithCapturedState() {
        int offset = 40;
        List<String> words = List.of("alpha", "beta");
        SerializableFunction<Integer, String> f = x -> words.get(x) + (x + offset);

        Object decoded = roundTrip(f);
        assertNotSame(f, decoded);
        @SuppressWarnings("unchecked")
        Function<Integer, String> g = (Function<Integer, String>) decoded;
        assertEquals("beta41", g.apply(1));
        assertEquals("alpha40", g.apply(0));
    }

    @Test
    void shouldDecodeFromReadOnlyBuffer() {
        Point p = new Point(5, 6, "ro");
        ByteBuffer body = ByteBuffer.wrap(encode(p)).asReadOnlyBuffer();
        assertEquals(p, codec.decode(body));
    }

    @Test
    void shouldNameSocketInsideCapturedObject() throws IOException {
        try (Socket socket = new Socket()) {
            Client client = new Client("c1", new Connection("example.org", socket));
            SerializableSupplier<String> task = () -> client.name;

            UnsendableObjectException e = assertThrows(UnsendableObjectException.class, () -> encode(task));
            assertEquals("captured arg$1 -> conn -> socket", e.path());
            assertEquals(Socket.class.getName(), e.typeName());
            assertTrue(e.getMessage().contains("captured arg$1 -> conn -> socket"), e.getMessage());
            assertTrue(e.getMessage().contains("socket"), e.getMessage());
        }
    }

    @Test
    void shouldNameThreadInList() {
        Thread thread = new Thread(() -> { });
        List<Object> list = List.of("a", "b", thread);

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class, () -> encode(list));
        assertEquals("[2]", e.path());
        assertEquals(Thread.class.getName(), e.typeName());
        assertTrue(e.getMessage().contains("thread"), e.getMessage());
    }

    @Test
    void shouldNameNonSerializableLambdaInField() {
        Job job = new Job();
        job.task = () -> { };

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class, () -> encode(job));
        assertEquals("task", e.path());
        assertTrue(e.typeName().startsWith(KryoCodecTest.class.getName() + "$$Lambda"), e.typeName());
        assertTrue(e.getMessage().contains("Serializable"), e.getMessage());
    }

    @Test
    void shouldRefuseStreamAsTheMessageItself() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {1});

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class, () -> encode(in));
        assertEquals("", e.path());
        assertEquals(ByteArrayInputStream.class.getName(), e.typeName());
        assertTrue(e.getMessage().contains("the message itself"), e.getMessage());
    }

    @Test
    void shouldSendNullFieldOfDeniedFinalType() {
        Descriptor d = new Descriptor(); // fd is null: there is nothing of this process to carry
        Descriptor decoded = (Descriptor) roundTrip(d);
        assertEquals("log", decoded.name);
        assertEquals(null, decoded.fd);
    }

    @Test
    void shouldRefuseTypesAddedToTheDenyList() {
        KryoCodec strict = KryoCodec.create(DenyList.standard().with(Point.class, "points stay home"),
                KryoCodecTest.class.getClassLoader(), k -> { });
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("where", new Point(1, 1, "x"));

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class,
                () -> strict.encode(message, new Output(256, -1)));
        assertEquals("[where]", e.path());
        assertEquals(Point.class.getName(), e.typeName());
        assertTrue(e.getMessage().contains("points stay home"), e.getMessage());
    }

    @Test
    void shouldReportTooDeepGraphAsUnsendable() {
        // A class first initialised at the bottom of an overflowing stack fails for good, so let the
        // error path run once at a normal depth first.
        Job refused = new Job();
        refused.task = () -> { };
        assertThrows(UnsendableObjectException.class, () -> encode(refused));
        new com.esotericsoftware.kryo.KryoException("warm-up").addTrace("warm-up");
        Node head = new Node();
        Node n = head;
        for (int i = 0; i < 1_000_000; i++) {
            n.next = new Node();
            n = n.next;
        }
        Node root = head;

        UnsendableObjectException e = assertThrows(UnsendableObjectException.class, () -> encode(root));
        assertEquals(Node.class.getName(), e.typeName());
        assertEquals("", e.path(), "a path through a too-deep graph is no help");
        assertTrue(e.getMessage().contains("deeper than " + KryoCodec.MAX_DEPTH),
                e.getMessage().substring(0, Math.min(300, e.getMessage().length())));

        Point p = new Point(1, 2, "after a stack overflow");
        assertEquals(p, roundTrip(p), "the pooled Kryo still works");
    }

    @Test
    void shouldStayUsableAfterRefusingMessage() {
        assertThrows(UnsendableObjectException.class, () -> encode(List.of(new Thread(() -> { }))));
        Point p = new Point(1, 2, "after");
        assertEquals(p, roundTrip(p));
    }
}
