package dev.isolates.regressions;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 13: {@code isolatectl spawn} fed a line without end stops at a length limit with
 * one clear error naming the limit and the line (it read the whole line into memory, and a 2.5 GB
 * one ended in an {@code OutOfMemoryError} stack trace); the lines before get their replies.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SpawnBoundsTheLineLengthTest {
    @Test
    void shouldStopAtALineOverTheLimitNamingItAndTheLine(@TempDir Path dir) throws Exception {
        String classes = Isolatectl.compile(dir, Map.of("plugin/Length.java", """
                package plugin;
                import dev.isolates.MessageHandler;
                public class Length implements MessageHandler {
                    public Object handle(String message) { return message.length(); }
                }
                """)).toString();
        Path input = dir.resolve("input.txt");
        try (OutputStream out = Files.newOutputStream(input)) {
            out.write("first\r\nsecond\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "y".repeat(1 << 16).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 48; i++) { // 3 MiB with no line break
                out.write(chunk);
            }
            out.write("\nafter\n".getBytes(StandardCharsets.UTF_8));
        }
        Result r = Isolatectl.run(dir, input.toFile(), "spawn", "--max-line", "1m", "--classpath", classes, "plugin.Length");
        assertEquals(1, r.exitCode(), r.printed());
        assertEquals(List.of("5", "6"), r.lines(), "the replies to the lines before: " + r.printed());
        assertTrue(r.stderr().contains("line 3") && r.stderr().contains("1 MiB") && r.stderr().contains("--max-line"),
                r.printed());
        assertNoStackTrace(r);
    }
}
