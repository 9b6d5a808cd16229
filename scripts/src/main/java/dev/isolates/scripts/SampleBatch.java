package dev.isolates.scripts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a batch of JSON documents the project makes itself, deterministically (the same
 * arguments give the same bytes): orders with customers, line items and addresses, number-heavy
 * geometry, and text, from a few KiB to a few MiB each. Usage:
 * {@code SampleBatch DIR [FILES=120] [AVERAGE_KIB=512] [--with-errors]}; with {@code --with-errors}
 * two more files are broken (one truncated, one malformed), to show how failures look.
 */
public final class SampleBatch {
    private static final String[] WORDS = ("isolate event loop message port send receive heap crash supervisor "
            + "worker arena queue transfer handle order customer invoice shipment parcel city river mountain "
            + "window garden letter signal").split(" ");

    private SampleBatch() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SampleBatch DIR [FILES=120] [AVERAGE_KIB=512] [--with-errors]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int files = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 120;
        int averageKib = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 512;
        boolean withErrors = java.util.Arrays.asList(args).contains("--with-errors");
        long bytes = write(dir, files, averageKib, withErrors);
        System.err.printf(Locale.ROOT, "wrote %d files, %.1f MB, to %s%n", files + (withErrors ? 2 : 0), bytes / 1e6, dir);
    }

    /** Writes the batch and returns its size in bytes. */
    public static long write(Path dir, int files, int averageKib, boolean withErrors) throws IOException {
        Files.createDirectories(dir);
        long total = 0;
        for (int i = 0; i < files; i++) {
            SplittableRandom random = new SplittableRandom(i);
            long target = (long) (averageKib * 1024L * (0.25 + 1.5 * random.nextDouble()));
            Path file = dir.resolve(String.format(Locale.ROOT, "%s/doc-%04d.json", kind(i), i));
            Files.createDirectories(file.getParent());
            total += document(file, kind(i), random, target);
        }
        if (withErrors) {
            Path broken = dir.resolve("broken");
            Files.createDirectories(broken);
            Files.writeString(broken.resolve("truncated.json"), "{\"orders\": [{\"id\": 1, \"items\": [1, 2");
            Files.writeString(broken.resolve("malformed.json"), "{\"id\": 7,\n \"name\" \"no colon\"}\n");
        }
        return total;
    }

    /**
     * Writes one document of {@code kind} ({@code orders}, {@code geometry} or {@code posts}) of about
     * {@code target} bytes to {@code file}, drawing from {@code random}, and returns its size.
     */
    static long document(Path file, String kind, SplittableRandom random, long target) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (kind) {
                case "orders" -> orders(out, random, target);
                case "geometry" -> geometry(out, random, target);
                case "posts" -> posts(out, random, target);
                default -> throw new IllegalArgumentException("no such kind of document: " + kind
                        + " (orders, geometry or posts)");
            }
        }
        return Files.size(file);
    }

    private static String kind(int i) {
        return switch (i % 3) {
            case 0 -> "orders";
            case 1 -> "geometry";
            default -> "posts";
        };
    }

    private static void orders(BufferedWriter out, SplittableRandom r, long target) throws IOException {
        out.write("{\"kind\":\"orders\",\"orders\":[");
        long written = 0;
        for (int n = 0; written < target; n++) {
            StringBuilder o = new StringBuilder(512);
            o.append(n == 0 ? "" : ",").append("{\"id\":").append(r.nextInt(1_000_000))
                    .append(",\"customer\":{\"name\":\"").append(word(r)).append(' ').append(word(r))
                    .append("\",\"email\":\"").append(word(r)).append('@').append(word(r)).append(".example\"")
                    .append(",\"address\":{\"street\":\"").append(r.nextInt(999)).append(' ').append(word(r))
                    .append(" road\",\"city\":\"").append(word(r)).append("\",\"zip\":\"").append(10000 + r.nextInt(89999))
                    .append("\"}},\"paid\":").append(r.nextBoolean()).append(",\"coupon\":null,\"items\":[");
            int items = 1 + r.nextInt(6);
            for (int k = 0; k < items; k++) {
                o.append(k == 0 ? "" : ",").append("{\"sku\":\"").append(word(r).toUpperCase(Locale.ROOT)).append('-')
                        .append(r.nextInt(9999)).append("\",\"quantity\":").append(1 + r.nextInt(9))
                        .append(",\"price\":").append(String.format(Locale.ROOT, "%.2f", r.nextDouble() * 200)).append('}');
            }
            o.append("]}");
            out.write(o.toString());
            written += o.length();
        }
        out.write("]}\n");
    }

    private static void geometry(BufferedWriter out, SplittableRandom r, long target) throws IOException {
        out.write("{\"kind\":\"geometry\",\"type\":\"FeatureCollection\",\"features\":[");
        long written = 0;
        for (int n = 0; written < target; n++) {
            StringBuilder f = new StringBuilder(2048);
            f.append(n == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"").append(word(r))
                    .append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
            double x = -180 + 360 * r.nextDouble();
            double y = -80 + 160 * r.nextDouble();
            int points = 20 + r.nextInt(60);
            for (int p = 0; p < points; p++) {
                x += r.nextDouble() - 0.5;
                y += r.nextDouble() - 0.5;
                f.append(p == 0 ? "" : ",").append('[').append(String.format(Locale.ROOT, "%.6f,%.6f", x, y)).append(']');
            }
            f.append("]]}}");
            out.write(f.toString());
            written += f.length();
        }
        out.write("]}\n");
    }

    private static void posts(BufferedWriter out, SplittableRandom r, long target) throws IOException {
        out.write("{\"kind\":\"posts\",\"posts\":[");
        long written = 0;
        for (int n = 0; written < target; n++) {
            StringBuilder p = new StringBuilder(1024);
            p.append(n == 0 ? "" : ",").append("{\"id\":").append(r.nextLong(1L << 53)).append(",\"user\":{\"handle\":\"@")
                    .append(word(r)).append(r.nextInt(100)).append("\",\"followers\":").append(r.nextInt(100_000))
                    .append(",\"verified\":").append(r.nextInt(10) == 0).append("},\"text\":\"");
            int words = 8 + r.nextInt(30);
            for (int w = 0; w < words; w++) {
                p.append(w == 0 ? "" : " ").append(word(r));
            }
            p.append(r.nextInt(20) == 0 ? " \\u00e9t\\u00e9 \\\"quoted\\\"" : "").append("\",\"tags\":[");
            int tags = r.nextInt(4);
            for (int t = 0; t < tags; t++) {
                p.append(t == 0 ? "" : ",").append('"').append(word(r)).append('"');
            }
            p.append("],\"reply_to\":").append(r.nextInt(3) == 0 ? String.valueOf(r.nextInt(1_000_000)) : "null").append('}');
            out.write(p.toString());
            written += p.length();
        }
        out.write("]}\n");
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }
}
