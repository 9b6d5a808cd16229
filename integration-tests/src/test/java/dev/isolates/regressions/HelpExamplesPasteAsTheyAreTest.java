package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl;
import dev.isolates.it.Isolatectl.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 13: every example in every {@code --help} is on unbroken lines (a long one goes on
 * with a shell line continuation), so it pastes into a shell as is; none is wrapped mid-token.
 */
class HelpExamplesPasteAsTheyAreTest {
    @Test
    void shouldKeepEveryExampleOnLinesThatPasteIntoAShell(@TempDir Path dir) throws Exception {
        int examples = 0;
        for (String command : new String[] {"", "run", "spawn", "json", "member", "classpath", "jvm-options", "completion"}) {
            Result r = command.isEmpty() ? Isolatectl.run(dir, "--help") : Isolatectl.run(dir, command, "--help");
            assertEquals(0, r.exitCode(), command + ": " + r.printed());
            for (String example : examples(command, r.stdout())) {
                examples++;
                assertTrue(example.contains("isolatectl " + command), "an example of this command: " + example);
                Process bash = new ProcessBuilder("bash", "-n", "-c", example).redirectErrorStream(true).start();
                String said = new String(bash.getInputStream().readAllBytes());
                assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash -n finishes");
                assertEquals(0, bash.exitValue(), "the example is one well-formed shell command: " + example + "\n" + said);
            }
        }
        assertTrue(examples >= 5, "run, spawn, json and the top level show examples: " + examples);
    }

    /**
     * The examples of a help text: the lines after "Examples:" (or "Embed ...:") up to a blank line.
     * Each starts two spaces in; a line ending in a backslash goes on, indented further, on the next.
     * Any other line there is the tail of a wrapped example.
     */
    private static List<String> examples(String command, String help) {
        List<String> found = new ArrayList<>();
        boolean inSection = false;
        StringBuilder current = null;
        for (String line : help.split("\n")) {
            if (line.equals("Examples:") || line.startsWith("Embed ")) {
                inSection = true;
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (line.isBlank()) {
                assertTrue(current == null, command + ": an example ends in a backslash before a blank line:\n" + help);
                inSection = false;
                continue;
            }
            if (current != null) {
                assertTrue(line.startsWith("    "), command + ": a continued example goes on indented: '" + line + "'\n" + help);
                current.append('\n').append(line);
            } else {
                assertTrue(line.startsWith("  ") && !line.startsWith("   "),
                        command + ": a line of the examples that starts no example, the tail of a wrapped one: '"
                                + line + "'\n" + help);
                current = new StringBuilder(line);
            }
            if (!line.endsWith(" \\")) {
                found.add(current.toString().trim());
                current = null;
            }
        }
        return found;
    }
}
