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
        WordWindow window = new WordWindow(tape);
        int words = tape.wordCount();
        if (tape.next(0) != words) {
            throw new CorruptTapeException("the root value takes " + (tape.next(0)) + " of the tape's " + words + " words");
        }
        // The innermost open container in locals; the ones around it saved in the arrays, outermost first.
        int[] ends = new int[16];
        int[] claimed = new int[16];
        int[] counted = new int[16];
        boolean[] objects = new boolean[16];
        int depth = 0;
        int end = words;
        int claim = 0;
        int count = 0;
        boolean inObject = false;
        int i = 0;
        while (true) {
            while (depth > 0 && i == end) {
                if (claim < TapeDescriptor.SATURATED_COUNT ? count != claim : count < claim) {
                    throw new CorruptTapeException("the " + (inObject ? "object" : "array") + " ending at word " + i
                            + " claims " + claim + " members but holds " + count);
                }
                depth--;
                if (depth > 0) {
                    end = ends[depth - 1];
                    claim = claimed[depth - 1];
                    count = counted[depth - 1];
                    inObject = objects[depth - 1];
                }
            }
            if (i == words) {
                return;
            }
            if (depth > 0) {
                count++;
                if (inObject) {
                    Tape.keyIndex(i, window.word(i));
                    i++;
                    if (i >= end) {
                        throw new CorruptTapeException("the object member named at word " + (i - 1) + " has no value");
                    }
                }
            }
            long w = window.word(i);
            int tag = TapeDescriptor.tag(w);
            int next = tape.next(i, w);
            if (depth > 0 && next > end) {
                throw new CorruptTapeException("the value at word " + i + " runs past the end of its container at word " + end);
            }
            switch (tag) {
                case OBJECT, ARRAY -> {
                    if (depth > 0) {
                        if (depth - 1 == ends.length) {
                            ends = Arrays.copyOf(ends, ends.length * 2);
                            claimed = Arrays.copyOf(claimed, ends.length);
                            counted = Arrays.copyOf(counted, ends.length);
                            objects = Arrays.copyOf(objects, ends.length);
                        }
                        ends[depth - 1] = end;
                        claimed[depth - 1] = claim;
                        counted[depth - 1] = count;
                        objects[depth - 1] = inObject;
                    }
                    end = next;
                    claim = TapeDescriptor.containerCount(w);
                    count = 0;
                    inObject = tag == OBJECT;
                    depth++;
                    i++;
                    continue;
                }
                case STRING, INTEGER_TEXT, NUMBER_TEXT -> checkText(tape, i, w);
                case DECIMAL -> Tape.scale(i, TapeDescriptor.decimalScale(w));
                case DECIMAL_WIDE -> Tape.scale(i, TapeDescriptor.low32(w));
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
