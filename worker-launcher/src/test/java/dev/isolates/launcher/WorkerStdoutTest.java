package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerStdoutTest {
    private static final long PATIENCE_MILLIS = 30_000;

    private record Passed(String stdout, List<String> kept) {
    }

    private static Passed pass(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputTail tail = OutputTail.start(new ByteArrayInputStream(new byte[0]), "test", line -> { });
        tail.awaitEnd(PATIENCE_MILLIS);
        WorkerStdout stdout = WorkerStdout.start(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "test", out, tail);
        stdout.awaitEnd(PATIENCE_MILLIS);
        return new Passed(out.toString(StandardCharsets.UTF_8), tail.lines());
    }

    @Test
    void shouldPassProgramOutputThroughByteForByte() {
        String text = "{\"a\":1}\n# a heading\n#\nnot a banner\n#\nno newline at the end ✓";
        assertEquals(new Passed(text, List.of()), pass(text));
    }

    @Test
    void shouldKeepOutOfMemoryLineForCrashReport() {
        Passed passed = pass("working\nTerminating due to java.lang.OutOfMemoryError: Java heap space\n");
        assertEquals("working\n", passed.stdout());
        assertEquals(List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space"), passed.kept());
    }

    @Test
    void shouldKeepFatalErrorBannerAndAllAfterItForCrashReport() {
        Passed passed = pass("result 1\n#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
                + "# Problematic frame:\n# V  [libjvm.so+0xed2f94]  Unsafe_PutLong+0x124\nlate words");
        assertEquals("result 1\n", passed.stdout());
        assertEquals(List.of("#", "# A fatal error has been detected by the Java Runtime Environment:", "#",
                "# Problematic frame:", "# V  [libjvm.so+0xed2f94]  Unsafe_PutLong+0x124", "late words"), passed.kept());
    }
}
