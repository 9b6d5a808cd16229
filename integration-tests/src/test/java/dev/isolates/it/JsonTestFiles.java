package dev.isolates.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON documents the JSON integration tests write: the same text for the same arguments. */
final class JsonTestFiles {
    private JsonTestFiles() {
    }

    /**
     * An order document of {@code items} items, about 150 bytes each: ids, names with non-ASCII
     * letters and escapes, prices written with a trailing zero, integers past 64 bits, nested arrays.
     */
    static String orders(String id, int items) {
        StringBuilder s = new StringBuilder(items * 160).append("{\"order\":\"").append(id).append("\",\"items\":[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append("{\"id\":").append(i)
                    .append(",\"name\":\"item-").append(i).append(" caf\u00e9 \\\"").append(i % 7).append("\\\"\"")
                    .append(",\"price\":").append(i % 100).append('.').append(i % 10).append('0')
                    .append(",\"big\":12345678901234567890123").append(i)
                    .append(",\"tags\":[\"t").append(i % 3).append("\",").append(i % 2 == 0).append(",null,[")
                    .append(i).append(",-").append(i).append(".5e3]]}");
        }
        return s.append("]}").toString();
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** An array of {@code count} small integers: tiny as text, about four times larger as a tape. */
    static Path integers(Path file, int count) throws IOException {
        StringBuilder s = new StringBuilder(count * 2 + 2).append('[');
        for (int i = 0; i < count; i++) {
            s.append(i > 0 ? "," : "").append(i % 10);
        }
        return write(file, s.append(']').toString());
    }
}
