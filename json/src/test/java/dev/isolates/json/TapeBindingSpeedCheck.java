package dev.isolates.json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A speed check run by hand, not a test: binds a list of records from {@code doc.parser()} and from
 * the bytes, over a few MB of generated JSON, and prints the CPU time of each (the best of the rounds). Arguments: megabytes
 * (default 8), rounds (default 15), then optionally "walk" or "bind" to only read from the tape (for a profiler).
 * {@code -Dtape=direct} reads a tape in a direct read-only buffer, as one received from a worker is.
 * Run after {@code mvn -pl json -am test-compile} with the module's test classpath and the JVM flags of
 * the parent pom's {@code isolates.jvm.flags}.
 */
final class TapeBindingSpeedCheck {
    enum Status { NEW, PAID, SHIPPED, CANCELLED }

    record Line(String sku, int quantity, double price, boolean gift) {
    }

    record Order(long id, String customer, String email, Status status, double total, int items, List<String> tags,
                 List<Line> lines, String note) {
    }

    /** The thread's CPU time, not the wall clock: the machine this runs on is often shared. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final TypeReference<List<Order>> ORDERS = new TypeReference<>() { };

    private TapeBindingSpeedCheck() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        byte[] json = generate(megabytes << 20, new SplittableRandom(42));
        ObjectMapper mapper = new ObjectMapper();
        if (args.length > 2) { // only "walk" or "bind" from the tape, for a profiler
            try (JsonDocument doc = open(json)) {
                long sum = 0;
                for (int r = 0; r < rounds; r++) {
                    sum += args[2].equals("walk") ? walk(doc.parser()) : mapper.readValue(doc.parser(), ORDERS).size();
                }
                System.out.println(sum);
            }
            return;
        }
        long parseNanos = Long.MAX_VALUE;
        long tapeNanos = Long.MAX_VALUE;
        long bytesNanos = Long.MAX_VALUE;
        int count = 0;
        try (JsonDocument doc = open(json)) {
            System.out.printf(Locale.ROOT, "%d bytes of JSON, a tape of %d bytes%n", json.length, doc.tapeBytes());
            for (int r = 0; r < rounds; r++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                List<Order> fromBytes = mapper.readValue(json, ORDERS);
                long t1 = CPU.getCurrentThreadCpuTime();
                List<Order> fromTape = mapper.readValue(doc.parser(), ORDERS);
                long t2 = CPU.getCurrentThreadCpuTime();
                try (JsonDocument again = JsonDocument.parse(json)) {
                    count += again.root().size() > 0 ? 0 : 1;
                }
                long t3 = CPU.getCurrentThreadCpuTime();
                if (!fromBytes.equals(fromTape)) {
                    throw new AssertionError("the tape bound other orders than the bytes");
                }
                count += fromTape.size();
                bytesNanos = Math.min(bytesNanos, t1 - t0);
                tapeNanos = Math.min(tapeNanos, t2 - t1);
                parseNanos = Math.min(parseNanos, t3 - t2);
                System.out.printf(Locale.ROOT, "round %2d: readValue(bytes) %6.1f ms, readValue(doc.parser()) %6.1f ms,"
                        + " JsonDocument.parse %6.1f ms%n", r, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
            }
        }
        try (JsonDocument doc = open(json)) {
            long checksum = 0;
            long jacksonWalk = Long.MAX_VALUE;
            long tapeWalk = Long.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                checksum += walk(mapper.getFactory().createParser(json));
                long t1 = CPU.getCurrentThreadCpuTime();
                checksum -= walk(doc.parser());
                long t2 = CPU.getCurrentThreadCpuTime();
                jacksonWalk = Math.min(jacksonWalk, t1 - t0);
                tapeWalk = Math.min(tapeWalk, t2 - t1);
            }
            System.out.printf(Locale.ROOT, "best token walk (names, strings, numbers read): Jackson over bytes %.1f ms,"
                    + " doc.parser() %.1f ms%s%n", jacksonWalk / 1e6, tapeWalk / 1e6, checksum == 0 ? "" : " (the walks differ!)");
        }
        System.out.printf(Locale.ROOT, "best: readValue(bytes) %.1f ms (%.0f MB/s), readValue(doc.parser()) %.1f ms (%.0f MB/s),"
                        + " %.2fx; JsonDocument.parse %.1f ms (%d orders bound)%n",
                bytesNanos / 1e6, json.length / (bytesNanos / 1e3), tapeNanos / 1e6, json.length / (tapeNanos / 1e3),
                (double) bytesNanos / tapeNanos, parseNanos / 1e6, count);
    }

    /** The document of {@code json}; with {@code -Dtape=direct}, over a direct read-only buffer, as a tape received from a worker. */
    private static JsonDocument open(byte[] json) throws IOException {
        try (JsonDocument parsed = JsonDocument.parse(json)) {
            if (!"direct".equals(System.getProperty("tape"))) {
                return JsonDocument.ofTapeBytes(parsed.tapeBytesCopy());
            }
            return JsonDocument.ofDirectTapeBytes(parsed.tapeBytesCopy());
        }
    }

    /** Reads every token as binding would: names and strings as text, numbers as int or double. */
    private static int walk(com.fasterxml.jackson.core.JsonParser p) throws IOException {
        int sum = 0;
        try (p) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> sum += p.currentName().length();
                    case VALUE_STRING -> sum += p.getText().length();
                    case VALUE_NUMBER_INT -> sum += p.getNumberType() == com.fasterxml.jackson.core.JsonParser.NumberType.INT
                            ? p.getIntValue() : (int) p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> sum += (int) p.getDoubleValue();
                    default -> sum++;
                }
            }
        }
        return sum;
    }

    private static final String[] TAGS = {"priority", "fragile", "gift", "bulk", "international", "returning", "promo"};
    private static final String[] NAMES = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Zo\u00eb Kr\u00f6ger",
        "Edsger Dijkstra", "Barbara Liskov", "\u674e\u96f7", "Jos\u00e9 \u00c1lvarez"};

    static byte[] generate(int size, SplittableRandom r) {
        StringBuilder s = new StringBuilder(size + 4096).append('[');
        long id = 1_000_000;
        while (s.length() < size) {
            if (id > 1_000_000) {
                s.append(',');
            }
            String name = NAMES[r.nextInt(NAMES.length)];
            s.append("{\"id\":").append(id++).append(",\"customer\":\"").append(name)
                    .append("\",\"email\":\"").append(name.toLowerCase(Locale.ROOT).replace(' ', '.')).append(r.nextInt(1000))
                    .append("@example.com\",\"status\":\"").append(Status.values()[r.nextInt(4)]).append("\",\"total\":");
            int lines = 1 + r.nextInt(6);
            StringBuilder items = new StringBuilder();
            double total = 0;
            int count = 0;
            for (int i = 0; i < lines; i++) {
                int quantity = 1 + r.nextInt(20);
                int cents = 99 + r.nextInt(100_000);
                total += quantity * cents / 100.0;
                count += quantity;
                if (i > 0) {
                    items.append(',');
                }
                items.append("{\"sku\":\"SKU-").append(10_000 + r.nextInt(90_000)).append("\",\"quantity\":").append(quantity)
                        .append(",\"price\":").append(cents / 100).append('.').append(String.format(Locale.ROOT, "%02d", cents % 100))
                        .append(",\"gift\":").append(r.nextInt(10) == 0).append('}');
            }
            s.append(String.format(Locale.ROOT, "%.2f", total)).append(",\"items\":").append(count).append(",\"tags\":[");
            for (int i = r.nextInt(4); i > 0; i--) {
                s.append('"').append(TAGS[r.nextInt(TAGS.length)]).append(i > 1 ? "\"," : "\"");
            }
            s.append("],\"lines\":[").append(items).append("],\"note\":")
                    .append(r.nextInt(3) == 0 ? "\"leave at the door, ring twice\"" : "null").append('}');
        }
        return s.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
