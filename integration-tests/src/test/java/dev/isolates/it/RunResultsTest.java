package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.isolates.Isolates;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What {@code Isolates.run} carries there and back: captured state, records, collections, large arrays. */
@ExtendWith(NoChildProcessLeftBehind.class)
class RunResultsTest {
    private static final int MiB = 1024 * 1024;

    record Point(int x, int y) {
    }

    record Segment(Point from, Point to, String label) {
    }

    record Drawing(String name, List<Segment> segments, Map<String, Point> anchors, Optional<Segment> highlighted) {
    }

    enum Colour { RED, GREEN, BLUE }

    /** A plain captured object: fields, no special interfaces. */
    static final class Settings {
        String name;
        int factor;
        List<String> tags;

        Settings(String name, int factor, List<String> tags) {
            this.name = name;
            this.factor = factor;
            this.tags = tags;
        }
    }

    record Received(byte[] digest, byte[] inverted) {
    }

    @Test
    void shouldReturnPlainValue() throws Exception {
        assertEquals(5050, Isolates.run(() -> java.util.stream.IntStream.rangeClosed(1, 100).sum())
                .get(60, SECONDS));
    }

    @Test
    void shouldReturnNull() throws Exception {
        assertNull(Isolates.run(() -> null).get(60, SECONDS));
    }

    @Test
    void shouldRunClosureOverCapturedIntsStringsAndObjects() throws Exception {
        int base = 40;
        String greeting = "hello";
        Settings settings = new Settings("parser", 3, new ArrayList<>(List.of("a", "b")));

        String result = Isolates.run(() -> {
            settings.factor = 1000;        // the isolate has its own copy
            settings.tags.add("isolate");
            return greeting + " " + settings.name + " " + (base + 2) + " " + settings.tags + " " + settings.factor;
        }).get(60, SECONDS);

        assertEquals("hello parser 42 [a, b, isolate] 1000", result);
        assertEquals(3, settings.factor, "the caller's object must not change");
        assertEquals(List.of("a", "b"), settings.tags, "the caller's list must not change");
    }

    @Test
    void shouldReturnNestedRecords() throws Exception {
        Point origin = new Point(0, 0);
        Drawing expected = new Drawing("plan",
                List.of(new Segment(origin, new Point(3, 4), "first"), new Segment(new Point(3, 4), new Point(6, 0), null)),
                Map.of("origin", origin, "top", new Point(3, 4)),
                Optional.of(new Segment(origin, new Point(6, 0), "base")));

        Drawing result = Isolates.run(() -> new Drawing("plan",
                List.of(new Segment(new Point(0, 0), new Point(3, 4), "first"),
                        new Segment(new Point(3, 4), new Point(6, 0), null)),
                Map.of("origin", new Point(0, 0), "top", new Point(3, 4)),
                Optional.of(new Segment(new Point(0, 0), new Point(6, 0), "base")))).get(60, SECONDS);

        assertEquals(expected, result);
    }

    @Test
    void shouldReturnJdkCollectionsAndValueTypes() throws Exception {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        LocalDate day = LocalDate.of(2024, 2, 29);

        Map<String, Object> result = Isolates.run(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("listOf", List.of(1, 2, 3));
            m.put("mapOf", Map.of("a", 1, "b", 2));
            m.put("arrayList", new ArrayList<>(List.of("x", "y")));
            HashMap<String, Integer> hash = new HashMap<>();
            hash.put("one", 1);
            hash.put("two", 2);
            m.put("hashMap", hash);
            TreeMap<String, Integer> tree = new TreeMap<>(Collections.reverseOrder());
            tree.put("a", 1);
            tree.put("c", 3);
            tree.put("b", 2);
            m.put("treeMap", tree);
            m.put("ints", new int[] {1, 2, 3});
            m.put("strings", new String[] {"p", null, "q"});
            m.put("grid", new long[][] {{1, 2}, {3}});
            m.put("optional", Optional.of("present"));
            m.put("empty", Optional.empty());
            m.put("uuid", id);
            m.put("date", day);
            m.put("colour", Colour.GREEN);
            m.put("unmodifiable", Collections.unmodifiableList(new ArrayList<>(List.of("u", "v"))));
            return m;
        }).get(60, SECONDS);

        assertEquals(List.of(1, 2, 3), result.get("listOf"));
        assertEquals(Map.of("a", 1, "b", 2), result.get("mapOf"));
        assertEquals(ArrayList.class, result.get("arrayList").getClass());
        assertEquals(List.of("x", "y"), result.get("arrayList"));
        assertEquals(HashMap.class, result.get("hashMap").getClass());
        assertEquals(Map.of("one", 1, "two", 2), result.get("hashMap"));
        TreeMap<?, ?> tree = assertInstanceOf(TreeMap.class, result.get("treeMap"));
        assertEquals(List.of("c", "b", "a"), new ArrayList<>(tree.keySet()), "the comparator must travel too");
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) result.get("ints"));
        assertArrayEquals(new String[] {"p", null, "q"}, (String[]) result.get("strings"));
        assertArrayEquals(new long[][] {{1, 2}, {3}}, (long[][]) result.get("grid"));
        assertEquals(Optional.of("present"), result.get("optional"));
        assertEquals(Optional.empty(), result.get("empty"));
        assertEquals(id, result.get("uuid"));
        assertEquals(day, result.get("date"));
        assertEquals(Colour.GREEN, result.get("colour"));
        @SuppressWarnings("unchecked")
        List<String> unmodifiable = (List<String>) result.get("unmodifiable");
        assertEquals(List.of("u", "v"), unmodifiable);
        assertThrows(UnsupportedOperationException.class, () -> unmodifiable.add("w"),
                "an unmodifiable list must stay unmodifiable");
        @SuppressWarnings("unchecked")
        List<Integer> listOf = (List<Integer>) result.get("listOf");
        assertThrows(UnsupportedOperationException.class, () -> listOf.add(4), "List.of must stay immutable");
    }

    @Test
    void shouldCarryMultiMebibyteByteArrayBothWaysThroughTheArena() throws Exception {
        byte[] payload = new byte[5 * MiB + 123]; // over the 1 MiB inline limit: goes by arena handle
        new Random(42).nextBytes(payload);
        byte[] expectedDigest = MessageDigest.getInstance("SHA-256").digest(payload);

        Received received = Isolates.run(() -> {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            byte[] inverted = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                inverted[i] = (byte) ~payload[i];
            }
            return new Received(digest, inverted);
        }).get(60, SECONDS);

        assertArrayEquals(expectedDigest, received.digest(), "the isolate must have received every byte");
        assertEquals(payload.length, received.inverted().length);
        for (int i = 0; i < payload.length; i++) {
            if (received.inverted()[i] != (byte) ~payload[i]) {
                throw new AssertionError("byte " + i + " of the returned array differs");
            }
        }
    }

    @Test
    void shouldReturn64MiBByteArray() throws Exception {
        int size = 64 * MiB;

        byte[] result = Isolates.run(() -> {
            byte[] b = new byte[size];
            for (int i = 0; i < b.length; i++) {
                b[i] = pattern(i);
            }
            return b;
        }).get(60, SECONDS);

        assertEquals(size, result.length);
        for (int i = 0; i < size; i++) {
            if (result[i] != pattern(i)) {
                throw new AssertionError("byte " + i + " is " + result[i] + ", expected " + pattern(i));
            }
        }
    }

    private static byte pattern(int i) {
        return (byte) (i * 31 + (i >>> 20));
    }
}
