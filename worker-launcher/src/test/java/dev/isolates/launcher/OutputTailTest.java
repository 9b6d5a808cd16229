package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputTailTest {
    private static final long PATIENCE_MILLIS = 30_000;

    private static List<String> numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i).collect(Collectors.toList());
    }

    private static InputStream streamOf(List<String> lines) {
        return new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldKeepOnlyLastLinesAndForwardEveryLine() {
        List<String> lines = numbered(100);
        List<String> forwarded = Collections.synchronizedList(new ArrayList<>());

        OutputTail tail = OutputTail.start(streamOf(lines), "test", forwarded::add);
        tail.awaitEnd(PATIENCE_MILLIS);

        assertEquals(lines, forwarded);
        assertEquals(OutputTail.KEEP_LINES, tail.lines().size());
        assertEquals(lines.subList(100 - OutputTail.KEEP_LINES, 100), tail.lines());
        assertEquals(String.join("\n", lines.subList(60, 100)), tail.text());
    }

    @Test
    void shouldKeepAllOfShortOutput() {
        List<String> lines = List.of("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
                "\tat Big.main(Big.java:3)", "héllo wörld ✓");
        List<String> forwarded = Collections.synchronizedList(new ArrayList<>());

        OutputTail tail = OutputTail.start(streamOf(lines), "test", forwarded::add);
        tail.awaitEnd(PATIENCE_MILLIS);

        assertEquals(lines, tail.lines());
        assertEquals(lines, forwarded);
    }

    @Test
    void shouldKeepBoundWhenStreamFails() {
        InputStream failing = new SequenceInputStream(streamOf(numbered(50)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("pipe broke");
            }
        });

        OutputTail tail = OutputTail.start(failing, "test", line -> { });
        tail.awaitEnd(PATIENCE_MILLIS);

        List<String> kept = tail.lines();
        assertTrue(kept.get(kept.size() - 1).contains("pipe broke"), kept.toString());
        assertEquals("line 50", kept.get(kept.size() - 2));
        assertTrue(kept.size() <= OutputTail.KEEP_LINES, "kept " + kept.size() + " lines");
    }
}
