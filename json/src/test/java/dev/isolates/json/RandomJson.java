package dev.isolates.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random JSON documents, the same for the same seed: deep (to {@value #MAX_DEPTH} levels) and wide
 * (thousands of members), strings with every escape, raw and escaped BMP and astral characters,
 * lone surrogates, control characters; integers of any size, decimals of 1 to 40 digits, exponents;
 * duplicate member names, empty containers, whitespace of every kind. Each document comes with the
 * text of its numbers in document order. Not thread-safe.
 */
final class RandomJson {
    static final int MAX_DEPTH = 200;
    private static final String[] SHORT_ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
    private static final String[] KEY_POOL = {"id", "name", "", "a/b", "~", "~1", "value", "é", "k", "items", "x y"};
    private static final String[] EDGE_INTEGERS = {"0", "-0", "1", "-1", "2147483647", "-2147483648", "2147483648",
        "-2147483649", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "36028797018963967", "-36028797018963968", "36028797018963968", "-36028797018963969",
        "18446744073709551616", "340282366920938463463374607431768211456"};
    private static final String[] EDGE_DECIMALS = {"-0.0", "0.0", "0.1000000000000000055511151231257827", "1.0",
        "-0.0e0", "1e5", "1E+5", "1e-5", "-1.5E-300", "1e400", "-1e-400", "140737488355327.5", "0.140737488355328",
        "12.50", "9223372036854775807.1", "0.000000000000000001", "1.7976931348623157e308", "4.9e-324"};

    /** A document and the numbers in it, as written, in document order. */
    record Document(byte[] bytes, List<String> numbers) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final SplittableRandom random;
    private StringBuilder out;
    private List<String> numbers;

    RandomJson(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A document of one of several shapes: mixed and small, deep, wide, number-heavy or string-heavy. */
    Document next() {
        out = new StringBuilder();
        numbers = new ArrayList<>();
        if (random.nextInt(50) == 0) {
            out.append('\uFEFF');
        }
        whitespace();
        int shape = random.nextInt(100);
        if (shape < 5) {
            deep(1 + random.nextInt(MAX_DEPTH));
        } else if (shape < 9) {
            wide();
        } else if (shape < 15) {
            scalar();
        } else {
            value(random.nextInt(7), 6);
        }
        whitespace();
        return new Document(out.toString().getBytes(StandardCharsets.UTF_8), List.copyOf(numbers));
    }

    private void value(int depth, int width) {
        if (depth == 0 || random.nextInt(4) == 0) {
            scalar();
        } else {
            container(depth, width, random.nextBoolean());
        }
    }

    private void container(int depth, int width, boolean object) {
        int n = random.nextInt(10) == 0 ? 0 : random.nextInt(width + 1);
        out.append(object ? '{' : '[');
        for (int i = 0; i < n; i++) {
            if (object) {
                member(i);
            } else {
                separator(i);
            }
            value(depth - 1, width);
        }
        whitespace();
        out.append(object ? '}' : ']');
    }

    private void member(int m) {
        if (m > 0) {
            whitespace();
            out.append(',');
        }
        whitespace();
        key();
        whitespace();
        out.append(':');
        whitespace();
    }

    private void separator(int e) {
        if (e > 0) {
            whitespace();
            out.append(',');
        }
        whitespace();
    }

    /** Containers nested {@code levels} deep, with a few siblings on the way down. */
    private void deep(int levels) {
        StringBuilder closers = new StringBuilder();
        for (int level = 0; level < levels; level++) {
            boolean object = random.nextBoolean();
            out.append(object ? '{' : '[');
            closers.append(object ? '}' : ']');
            if (random.nextInt(3) == 0) {
                if (object) {
                    member(0);
                } else {
                    whitespace();
                }
                scalar();
                whitespace();
                out.append(',');
            }
            if (object) {
                whitespace();
                key();
                out.append(':');
            }
        }
        value(2, 3);
        for (int level = closers.length() - 1; level >= 0; level--) {
            out.append(closers.charAt(level));
        }
    }

    private void wide() {
        int n = 1000 + random.nextInt(4000);
        if (random.nextBoolean()) {
            out.append('{');
            for (int m = 0; m < n; m++) {
                member(m);
                scalar();
            }
            out.append('}');
        } else {
            out.append('[');
            for (int e = 0; e < n; e++) {
                separator(e);
                if (random.nextInt(10) == 0) {
                    value(2, 3);
                } else {
                    scalar();
                }
            }
            out.append(']');
        }
    }

    private void scalar() {
        switch (random.nextInt(10)) {
            case 0 -> out.append("true");
            case 1 -> out.append("false");
            case 2 -> out.append("null");
            case 3, 4, 5 -> number(numberText());
            default -> string(random.nextInt(4) == 0 ? 40 : 8);
        }
    }

    private void number(String text) {
        numbers.add(text);
        out.append(text);
    }

    String numberText() {
        return switch (random.nextInt(8)) {
            case 0 -> EDGE_INTEGERS[random.nextInt(EDGE_INTEGERS.length)];
            case 1 -> EDGE_DECIMALS[random.nextInt(EDGE_DECIMALS.length)];
            case 2 -> Integer.toString(random.nextInt(-1000, 1000));
            case 3 -> Long.toString(random.nextLong());
            case 4 -> sign() + integerDigits(1 + random.nextInt(60));
            default -> decimal();
        };
    }

    private String decimal() {
        int total = 1 + random.nextInt(40);
        int whole = random.nextInt(total + 1);
        StringBuilder s = new StringBuilder(sign());
        s.append(whole == 0 ? "0" : integerDigits(whole));
        boolean point = whole < total || random.nextBoolean();
        if (point) {
            s.append('.').append(digits(Math.max(1, total - whole)));
        }
        if (!point || random.nextInt(3) == 0) {
            s.append(random.nextBoolean() ? 'e' : 'E');
            s.append(switch (random.nextInt(3)) {
                case 0 -> "+";
                case 1 -> "-";
                default -> "";
            });
            s.append(random.nextInt(4) == 0 ? Integer.toString(random.nextInt(400)) : Integer.toString(random.nextInt(30)));
        }
        return s.toString();
    }

    private String sign() {
        return random.nextInt(3) == 0 ? "-" : "";
    }

    private String integerDigits(int n) {
        return (char) ('1' + random.nextInt(9)) + digits(n - 1);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private void key() {
        int choice = random.nextInt(4);
        if (choice < 2) {
            out.append('"');
            for (char c : KEY_POOL[random.nextInt(KEY_POOL.length)].toCharArray()) {
                out.append(c == '/' && random.nextBoolean() ? "\\/" : String.valueOf(c));
            }
            out.append('"');
        } else {
            string(choice == 2 ? 3 : 12);
        }
    }

    /** A string of up to {@code maxChars} pieces, each raw or escaped. */
    private void string(int maxChars) {
        out.append('"');
        int n = random.nextInt(maxChars + 1);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(12)) {
                case 0 -> out.append(SHORT_ESCAPES[random.nextInt(SHORT_ESCAPES.length)]);
                case 1 -> out.append(escape(random.nextInt(0x20)));
                case 2 -> bmp();
                case 3 -> astral();
                case 4 -> out.append(escape(0xD800 + random.nextInt(0x800))); // a lone surrogate
                case 5 -> out.append(escape(random.nextInt(0x20, 0x7F)));
                default -> out.append(printableAscii());
            }
        }
        out.append('"');
    }

    private char printableAscii() {
        char c;
        do {
            c = (char) random.nextInt(0x20, 0x7F);
        } while (c == '"' || c == '\\');
        return c;
    }

    private void bmp() {
        char c;
        do {
            c = (char) random.nextInt(0x80, 0x10000);
        } while (Character.isSurrogate(c) || c == '\uFEFF' && out.length() == 0);
        if (random.nextBoolean()) {
            out.append(c);
        } else {
            out.append(escape(c));
        }
    }

    private void astral() {
        int cp = random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
        if (random.nextBoolean()) {
            out.appendCodePoint(cp);
        } else {
            out.append(escape(Character.highSurrogate(cp))).append(escape(Character.lowSurrogate(cp)));
        }
    }

    private String escape(int c) {
        String digits = random.nextBoolean() ? "0123456789abcdef" : "0123456789ABCDEF";
        char[] escaped = {'\\', 'u', digits.charAt(c >> 12 & 0xF), digits.charAt(c >> 8 & 0xF), digits.charAt(c >> 4 & 0xF),
            digits.charAt(c & 0xF)};
        return new String(escaped);
    }

    private void whitespace() {
        if (random.nextInt(3) != 0) {
            return;
        }
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.append(" \t\n\r".charAt(random.nextInt(4)));
        }
    }
}
