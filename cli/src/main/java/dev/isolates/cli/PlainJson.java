package dev.isolates.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * JSON text of plain JDK values, written as Jackson's default {@code ObjectMapper} writes them,
 * without Jackson: a fresh isolate that returns a number, a string or a list of them skips building
 * an {@code ObjectMapper}, which costs a cold JVM hundreds of milliseconds. Plain means null, a
 * {@code String}, a {@code Boolean}, an integer type, {@code BigInteger}, {@code BigDecimal}, a
 * finite {@code Double} or {@code Float}, and {@code Collection}s and {@code Map}s with
 * {@code String} keys of plain values; anything else, or nesting deeper than {@value #MAX_DEPTH},
 * is left to Jackson. Stateless and thread-safe.
 */
final class PlainJson {
    static final int MAX_DEPTH = 200;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PlainJson() {
    }

    /** {@code value} as JSON text, or null when it is not plain. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        return append(value, out, 0) ? out.toString() : null;
    }

    private static boolean append(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                return false; // Jackson writes "NaN" and the infinities as strings
            }
            out.append(d.doubleValue());
        } else if (value instanceof Float f) {
            if (!Float.isFinite(f)) {
                return false;
            }
            out.append(f.floatValue());
        } else if (value instanceof Collection<?> c) {
            return depth < MAX_DEPTH && appendArray(c, out, depth);
        } else if (value instanceof Map<?, ?> m) {
            return depth < MAX_DEPTH && appendObject(m, out, depth);
        } else {
            return false;
        }
        return true;
    }

    private static boolean appendArray(Collection<?> values, StringBuilder out, int depth) {
        out.append('[');
        boolean first = true;
        for (Object v : values) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (!append(v, out, depth + 1)) {
                return false;
            }
        }
        out.append(']');
        return true;
    }

    private static boolean appendObject(Map<?, ?> map, StringBuilder out, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return false; // Jackson has rules of its own for other keys
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(key, out);
            out.append(':');
            if (!append(e.getValue(), out, depth + 1)) {
                return false;
            }
        }
        out.append('}');
        return true;
    }

    /** A JSON string literal: Jackson's escapes (the short ones where JSON has them, else {@code \}{@code u00XX}). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
