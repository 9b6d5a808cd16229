package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress goes to stderr only when stderr is a terminal, even with stdout in a file, and never
 * with {@code --quiet}. The terminal is a real pseudo-terminal made by {@code script(1)}.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlProgressTest {

    private static Path batch(Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(data.resolve(String.format("f%02d.json", i)), "{\"n\":" + i + ",\"list\":[1,2,3]}");
        }
        return data;
    }

    /** Runs isolatectl json under script(1): stdout to a file, stderr (and the terminal) to {@code typescript}. */
    private static String onTerminal(Path dir, String options) throws Exception {
        Path data = batch(dir);
        Path out = dir.resolve("out.ndjson");
        Path typescript = dir.resolve("typescript");
        String command = IsolatectlTest.ISOLATECTL + " json --workers 2 " + options + " " + data + " > " + out;
        IsolatectlTest.Result r = IsolatectlTest.run(dir, List.of("script", "-q", "-e", "-c", command,
                typescript.toString()));
        assertEquals(0, r.exitCode(), r.stderr() + r.stdout());
        assertEquals(30, Files.readAllLines(out).size(), "every file's line went to stdout, not to the terminal");
        return Files.readString(typescript);
    }

    @Test
    void shouldDrawProgressOnATerminalWhileStdoutGoesToAFile(@TempDir Path dir) throws Exception {
        String terminal = onTerminal(dir, "");
        assertTrue(terminal.contains("30/30 files"), terminal);
        assertTrue(terminal.contains("isolatectl json: 30 files"), "the summary: " + terminal);
    }

    @Test
    void shouldDrawNothingWithQuiet(@TempDir Path dir) throws Exception {
        String terminal = onTerminal(dir, "--quiet");
        assertFalse(terminal.contains("files"), terminal);
    }

    @Test
    void shouldDrawNoProgressWhenStderrIsNotATerminal(@TempDir Path dir) throws Exception {
        Path data = batch(dir);
        IsolatectlTest.Result r = IsolatectlTest.isolatectl(dir, "json", "--workers", "2", data.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("/30 files"), "no progress bar into a file: " + r.stderr());
        assertTrue(r.stderr().contains("isolatectl json: 30 files"), "the summary still comes: " + r.stderr());
    }
}
