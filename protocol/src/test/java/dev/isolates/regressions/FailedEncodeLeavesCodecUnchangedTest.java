package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import dev.isolates.protocol.KryoCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 1: an encode that overflowed its buffer inside a generic field left Kryo's
 * generics stack pushed, so the next message through the same Kryo was written with the stale
 * type arguments ("Integer cannot be cast to String"), and so was every later one.
 */
class FailedEncodeLeavesCodecUnchangedTest {
    private static final int INLINE_LIMIT = 1024 * 1024;

    /** A result with a generic field, as a task would return it. */
    static final class Report {
        Map<String, String> entries = new HashMap<>();
    }

    /** Another shape: generic lists in a record, nested. */
    record Rows(String name, List<List<Integer>> rows, Map<String, List<Long>> index) {
    }

    private final KryoCodec codec = KryoCodec.standard();

    private static Report largeReport() {
        Report r = new Report();
        for (int i = 0; i < 100_000; i++) {
            r.entries.put("key-" + i, "value-" + i);
        }
        return r;
    }

    private static Rows largeRows() {
        List<List<Integer>> rows = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            rows.add(List.of(i * 1000, i * 1000 + 1, i * 1000 + 2));
        }
        return new Rows("rows", rows, Map.of("k", List.of(1L, 2L)));
    }

    private byte[] encoded(Object value) {
        try (Output out = new Output(4096, -1)) {
            codec.encode(value, out);
            return out.toBytes();
        }
    }

    private Object roundTrip(Object value) {
        return codec.decode(encoded(value));
    }

    /**
     * What a channel does with a body of a few MiB: it overflows the inline buffer, then the
     * arena's first slot of twice that, before it is measured and written whole.
     */
    private void overflow(Object value) {
        for (int limit : new int[] {INLINE_LIMIT, 2 * INLINE_LIMIT}) {
            Output bounded = new Output(64 * 1024, limit);
            assertThrows(KryoBufferOverflowException.class, () -> codec.encode(value, bounded));
        }
    }

    @Test
    void shouldEncodeADifferentGenericStructureAfterAnOverflowInAGenericMap() {
        Report large = largeReport();
        overflow(large);
        encoded(large); // as a channel does: the body goes again, measured

        Map<String, Object> next = new LinkedHashMap<>();
        next.put("a", List.of(1));
        assertEquals(next, roundTrip(next));
    }

    @Test
    void shouldEncodeTheLargeValueItselfAgainAfterItsOverflow() {
        Report large = largeReport();
        overflow(large);
        Report again = (Report) codec.decode(encoded(large));
        assertEquals(large.entries, again.entries);
    }

    @Test
    void shouldStayCorrectWhenOverflowsAndSmallMessagesAlternate() {
        for (int round = 0; round < 3; round++) {
            Object large = round % 2 == 0 ? largeReport() : largeRows();
            overflow(large);
            byte[] whole = encoded(large);
            Map<String, Object> small = new LinkedHashMap<>();
            small.put("round", List.of(round));
            assertEquals(small, roundTrip(small));
            Rows rows = new Rows("small", List.of(List.of(round)), Map.of("x", List.of((long) round)));
            assertEquals(rows, roundTrip(rows));
            Report report = new Report();
            report.entries.put("r", "v" + round);
            assertEquals(report.entries, ((Report) roundTrip(report)).entries);
            Object back = codec.decode(whole);
            if (large instanceof Report r) {
                assertEquals(r.entries, ((Report) back).entries);
            } else {
                assertEquals(large, back);
            }
        }
    }

    @Test
    void shouldDecodeCorrectlyAfterADecodeThatFailedInsideAGenericField() {
        byte[] whole;
        try (Output out = new Output(4096, -1)) {
            codec.encode(largeReport(), out);
            whole = out.toBytes();
        }
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2); // ends inside the map
        assertThrows(RuntimeException.class, () -> codec.decode(truncated));

        Map<String, Object> next = new LinkedHashMap<>();
        next.put("a", List.of(1));
        assertEquals(next, roundTrip(next));
        Report small = new Report();
        small.entries.put("k", "v");
        assertEquals(small.entries, ((Report) roundTrip(small)).entries);
    }
}
