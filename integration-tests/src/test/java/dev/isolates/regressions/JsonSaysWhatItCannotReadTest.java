package dev.isolates.regressions;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import dev.isolates.it.NoChildProcessLeftBehind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 13: {@code isolatectl json} says a FIFO named on the command line is not a regular
 * file (not that it does not exist), and reports every {@code .json} entry of a folder it cannot read
 * as a file (a FIFO, a symbolic link loop), failing the run, instead of leaving it out silently.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class JsonSaysWhatItCannotReadTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeEntries() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("pipe.json").toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        Files.createSymbolicLink(folder.resolve("loop.json"), Path.of("loop.json"));
        Files.writeString(folder.resolve("good.json"), "[1, 2]");
    }

    @Test
    void shouldSayAFifoNamedOnTheCommandLineIsNotARegularFile() throws Exception {
        Result r = Isolatectl.run(dir, "json", "in/pipe.json");
        assertEquals(2, r.exitCode(), r.printed());
        assertTrue(r.stderr().contains("in/pipe.json") && r.stderr().contains("FIFO"), r.printed());
        assertFalse(r.stderr().contains("no such file"), "it exists: " + r.printed());
        assertEquals("", r.stdout(), r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldReportEveryEntryOfAFolderItCannotReadAndFail() throws Exception {
        Result r = Isolatectl.run(dir, "json", "in");
        assertEquals(1, r.exitCode(), "a .json entry could not be read: " + r.printed());
        assertEquals(1, r.lines().size(), "good.json is parsed all the same: " + r.printed());
        assertTrue(r.stderr().contains("skipped in/pipe.json: a FIFO"), r.printed());
        assertTrue(r.stderr().contains("skipped in/loop.json: a symbolic link that cannot be followed"), r.printed());
        assertTrue(r.stderr().contains("2 skipped"), "the summary counts them: " + r.printed());
        assertNoStackTrace(r);
    }
}
