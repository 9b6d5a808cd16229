package dev.isolates.json;

/**
 * A reader's copy of a stretch of a tape's words, moved forward (or back) in one bulk read when a
 * word outside it is asked for: reading an array is cheaper than reading each word from a (direct,
 * read-only) buffer. Bounds-checked as {@link Tape#word(int)} is. Not thread-safe: one per reader.
 */
final class WordWindow {
    private static final int WORDS = 512;

    private final Tape tape;
    private final long[] words = new long[WORDS];
    private int start;
    private int end;

    WordWindow(Tape tape) {
        this.tape = tape;
    }

    /** The word at {@code index}; raises {@link CorruptTapeException} outside the tape. */
    long word(int index) {
        int i = index - start;
        if (i >= 0 && index < end) {
            return words[i];
        }
        return move(index);
    }

    private long move(int index) {
        int count = Math.min(WORDS, tape.wordCount() - index);
        if (index < 0 || count <= 0) {
            return tape.word(index); // raises the error
        }
        tape.words(index, words, count);
        start = index;
        end = index + count;
        return words[0];
    }
}
