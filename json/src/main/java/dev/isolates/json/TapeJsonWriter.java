package dev.isolates.json;

import static dev.isolates.json.TapeDescriptor.ARRAY;
import static dev.isolates.json.TapeDescriptor.DECIMAL;
import static dev.isolates.json.TapeDescriptor.DECIMAL_WIDE;
import static dev.isolates.json.TapeDescriptor.FALSE;
import static dev.isolates.json.TapeDescriptor.INT;
import static dev.isolates.json.TapeDescriptor.INTEGER_TEXT;
import static dev.isolates.json.TapeDescriptor.LONG;
import static dev.isolates.json.TapeDescriptor.NULL;
import static dev.isolates.json.TapeDescriptor.NUMBER_TEXT;
import static dev.isolates.json.TapeDescriptor.OBJECT;
import static dev.isolates.json.TapeDescriptor.STRING;
import static dev.isolates.json.TapeDescriptor.TRUE;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes a value of a tape to a Jackson generator, without recursion (a hostile tape may nest as
 * deep as it is long). Numbers go out as written. Not thread-safe; one per write.
 */
final class TapeJsonWriter {
    private final Tape tape;
    private final JsonGenerator out;

    TapeJsonWriter(Tape tape, JsonGenerator out) {
        this.tape = tape;
        this.out = out;
    }

    void write(int index) throws IOException {
        int[] ends = new int[16];
        boolean[] objects = new boolean[16];
        int depth = 0;
        int i = index;
        int stop = tape.next(index);
        while (i < stop || depth > 0) {
            if (depth > 0 && i >= ends[depth - 1]) {
                depth--;
                if (objects[depth]) {
                    out.writeEndObject();
                } else {
                    out.writeEndArray();
                }
                continue;
            }
            if (depth > 0 && objects[depth - 1]) {
                out.writeFieldName(tape.keyAt(i));
                i++;
            }
            long w = tape.word(i);
            int tag = TapeDescriptor.tag(w);
            switch (tag) {
                case OBJECT, ARRAY -> {
                    if (depth == ends.length) {
                        ends = Arrays.copyOf(ends, depth * 2);
                        objects = Arrays.copyOf(objects, depth * 2);
                    }
                    ends[depth] = tape.next(i);
                    objects[depth] = tag == OBJECT;
                    depth++;
                    if (tag == OBJECT) {
                        out.writeStartObject();
                    } else {
                        out.writeStartArray();
                    }
                    i++;
                    continue;
                }
                case INT, LONG, INTEGER_TEXT, DECIMAL, DECIMAL_WIDE, NUMBER_TEXT -> out.writeNumber(tape.numberText(i));
                case TRUE -> out.writeBoolean(true);
                case FALSE -> out.writeBoolean(false);
                case NULL -> out.writeNull();
                default -> {
                    if (tag != STRING && !TapeDescriptor.isInlineString(tag)) {
                        throw new CorruptTapeException("word " + i + " has the unknown tag " + tag);
                    }
                    out.writeString(tape.text(i));
                }
            }
            i = tape.next(i);
        }
    }
}
