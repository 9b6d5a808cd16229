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

import java.util.Arrays;

/**
 * Checks a whole tape once, before anything reads it: the root spans the tape, containers nest
 * inside their parents and hold the counts they claim, objects alternate names and values, every
 * tag is known, every key index and string range is inside its section. In one pass, without
 * recursion. The bytes of strings are checked as UTF-8 when they are decoded.
 */
final class TapeValidator {
    private TapeValidator() {
    }

    static void validate(Tape tape) {
        int words = tape.wordCount();
        if (tape.next(0) != words) {
            throw new CorruptTapeException("the root value takes " + (tape.next(0)) + " of the tape's " + words + " words");
        }
        int[] ends = new int[16];
        int[] claimed = new int[16];
        int[] counted = new int[16];
        boolean[] objects = new boolean[16];
        int depth = 0;
        int i = 0;
        while (true) {
            while (depth > 0 && i == ends[depth - 1]) {
                depth--;
                int claim = claimed[depth];
                if (claim < TapeDescriptor.SATURATED_COUNT ? counted[depth] != claim : counted[depth] < claim) {
                    throw new CorruptTapeException("the " + (objects[depth] ? "object" : "array") + " ending at word " + i
                            + " claims " + claim + " members but holds " + counted[depth]);
                }
            }
            if (i == words) {
                return;
            }
            if (depth > 0) {
                counted[depth - 1]++;
                if (objects[depth - 1]) {
                    Tape.keyIndex(i, tape.word(i));
                    i++;
                    if (i >= ends[depth - 1]) {
                        throw new CorruptTapeException("the object member named at word " + (i - 1) + " has no value");
                    }
                }
            }
            long w = tape.word(i);
            int tag = TapeDescriptor.tag(w);
            int next = tape.next(i, w);
            if (depth > 0 && next > ends[depth - 1]) {
                throw new CorruptTapeException("the value at word " + i + " runs past the end of its container at word "
                        + ends[depth - 1]);
            }
            switch (tag) {
                case OBJECT, ARRAY -> {
                    if (depth == ends.length) {
                        ends = Arrays.copyOf(ends, depth * 2);
                        claimed = Arrays.copyOf(claimed, depth * 2);
                        counted = Arrays.copyOf(counted, depth * 2);
                        objects = Arrays.copyOf(objects, depth * 2);
                    }
                    ends[depth] = next;
                    claimed[depth] = TapeDescriptor.containerCount(w);
                    counted[depth] = 0;
                    objects[depth] = tag == OBJECT;
                    depth++;
                    i++;
                    continue;
                }
                case STRING, INTEGER_TEXT, NUMBER_TEXT -> checkText(tape, i, w);
                case DECIMAL -> checkScale(i, TapeDescriptor.decimalScale(w));
                case DECIMAL_WIDE -> checkScale(i, TapeDescriptor.low32(w));
                case INT, LONG, TRUE, FALSE, NULL -> { }
                default -> {
                    if (!TapeDescriptor.isInlineString(tag)) {
                        throw new CorruptTapeException("word " + i + " has the unknown tag " + tag);
                    }
                }
            }
            i = next;
        }
    }

    /** A scale outside the writer's range would make a number's text as long as the scale says. */
    private static void checkScale(int index, int scale) {
        if (scale < 1 || scale > TapeDescriptor.MAX_DECIMAL_SCALE) {
            throw new CorruptTapeException("the decimal at word " + index + " has scale " + scale + ", outside 1 to "
                    + TapeDescriptor.MAX_DECIMAL_SCALE);
        }
    }

    private static void checkText(Tape tape, int index, long w) {
        int offset = TapeDescriptor.low32(w);
        int length = TapeDescriptor.stringLength(w);
        if (length == TapeDescriptor.LONG_STRING) {
            tape.checkStringRange(offset, 4);
            length = tape.longStringLength(offset);
            offset += 4;
        }
        tape.checkStringRange(offset, length);
    }

    /** Checks that every key's bytes lie inside the string area. */
    static void validateKeys(Tape tape) {
        for (int k = 0; k < tape.keyCount(); k++) {
            tape.checkKeyRange(k);
        }
    }
}
