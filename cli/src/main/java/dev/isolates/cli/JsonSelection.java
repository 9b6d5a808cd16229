package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.isolates.json.JsonValue;
import dev.isolates.json.JsonValueException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code --select POINTER}: the values at some RFC 6901 JSON Pointers of each document, as one line
 * {@code {"file":"a.json","/id":7,"/name":"x"}}, a member per pointer in the order given (each
 * pointer once), its value as the document holds it (numbers as written, objects and arrays whole).
 * Pointers with nothing at them (no such member or index, or a step into a string or number) are
 * listed, in order, in a last member {@code "missing":["/tags/9"]}, left out when every pointer has
 * a value; a pointer is never named {@code file} or {@code missing}, since each is {@code ""} or
 * starts with {@code /}.
 *
 * @param pointers the pointers, checked, without repeats
 */
record JsonSelection(List<String> pointers) implements JsonLine {
    /**
     * A selection of {@code pointers}.
     *
     * @throws IllegalArgumentException naming the first one that is not a JSON Pointer
     */
    static JsonSelection of(List<String> pointers) {
        for (String p : pointers) {
            check(p);
        }
        return new JsonSelection(List.copyOf(new LinkedHashSet<>(pointers)));
    }

    private static void check(String pointer) {
        if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("--select takes a JSON Pointer, which is empty or starts with '/': '"
                    + pointer + "' (for a member id of the root, give /id)");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 == pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0)) {
                throw new IllegalArgumentException("--select '" + pointer + "': '~' in a JSON Pointer stands for '~0' ("
                        + "a '~' in a name) or '~1' (a '/' in a name)");
            }
        }
    }

    @Override
    public void write(String file, long bytes, JsonValue root, OutputStream out) throws IOException {
        List<String> missing = new ArrayList<>();
        try (JsonGenerator g = OUTPUT.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("file", file);
            for (String p : pointers) {
                JsonValue v;
                try {
                    v = root.at(p);
                } catch (JsonValueException e) {
                    missing.add(p);
                    continue;
                }
                g.writeFieldName(p);
                v.writeTo(g);
            }
            if (!missing.isEmpty()) {
                g.writeArrayFieldStart("missing");
                for (String p : missing) {
                    g.writeString(p);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }
}
