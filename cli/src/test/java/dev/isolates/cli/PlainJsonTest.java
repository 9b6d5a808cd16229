package dev.isolates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlainJsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void shouldWriteEveryCharAsJacksonDoes() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        assertSameAsJackson(all.toString());
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            char[] chars = new char[random.nextInt(20)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = random.nextBoolean() ? (char) random.nextInt(0x80) : (char) random.nextInt(0x10000);
            }
            assertSameAsJackson(new String(chars));
        }
    }

    @Test
    void shouldWriteNumbersAndBooleansAsJacksonDoes() throws Exception {
        for (Object v : List.of(0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, (short) -3, (byte) 7, true, false,
                BigInteger.TEN.pow(40).negate(), new BigDecimal("1E+3"), new BigDecimal("0.000001"), new BigDecimal("-2.50"),
                0.0, -0.0, 1.0, 1e10, 1.5e-7, Double.MAX_VALUE, Double.MIN_VALUE, 0.1f, 100.0f, -3.4e38f, Float.MIN_VALUE)) {
            assertSameAsJackson(v);
        }
        Random random = new Random(11);
        for (int i = 0; i < 2_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            float f = Float.intBitsToFloat(random.nextInt());
            assertSameAsJackson(Double.isFinite(d) ? d : random.nextGaussian()); // not finite: left to Jackson
            assertSameAsJackson(Float.isFinite(f) ? f : (float) random.nextGaussian());
        }
    }

    @Test
    void shouldWriteListsSetsAndMapsOfPlainValuesAsJacksonDoes() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", null);
        map.put("b\n\"q\"", List.of());
        map.put("c", Map.of());
        map.put("d", Arrays.asList(1, "two", 3.0, null, List.of(List.of(false))));
        map.put("", new TreeSet<>(List.of(3, 1, 2)));
        assertSameAsJackson(map);
        assertSameAsJackson(List.of(map, map));
        assertSameAsJackson(new HashMap<>(Map.of("x", 1, "y", "z")));
        assertSameAsJackson(null);
    }

    @Test
    void shouldLeaveWhatIsNotPlainToJackson() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i <= PlainJson.MAX_DEPTH; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        for (Object v : Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 'c',
                new int[] {1}, Optional.of(1), Map.of(1, 2), List.of(new Object()), new Record(1), deep)) {
            assertNull(PlainJson.write(v), String.valueOf(v));
        }
        assertNotNull(PlainJson.write(List.of(List.of(1))));
    }

    @Test
    void shouldQuoteAsItWritesAString() throws Exception {
        assertEquals(JACKSON.writeValueAsString("a\u0001\"b"), Json.quote("a\u0001\"b"));
    }

    @Test
    void shouldGiveJacksonsTextForWhatIsNotPlain() throws Exception {
        assertEquals(JACKSON.writeValueAsString(new Record(3)), Json.write(new Record(3)));
        assertEquals("\"NaN\"", Json.write(Double.NaN));
    }

    private static void assertSameAsJackson(Object value) throws Exception {
        assertEquals(JACKSON.writeValueAsString(value), PlainJson.write(value));
        assertEquals(JACKSON.writeValueAsString(value), Json.write(value));
    }

    record Record(int x) {
    }
}
