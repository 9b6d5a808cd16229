package dev.isolates.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every job's {@code --help} shows how to use it with examples; {@code completion} prints a bash script. */
class IsolatectlHelpTest {

    @Test
    void shouldShowUsageAndExamplesForEveryJob(@TempDir Path dir) throws Exception {
        for (String job : new String[] {"run", "spawn", "json"}) {
            Result r = Isolatectl.run(dir, job, "--help");
            assertEquals(0, r.exitCode(), job + ": " + r.printed());
            assertTrue(r.stdout().contains("Usage: isolatectl " + job), job + ": " + r.printed());
            int examples = r.stdout().indexOf("Examples:");
            assertTrue(examples >= 0, job + " --help has an Examples: section: " + r.printed());
            assertTrue(r.stdout().indexOf("isolatectl " + job + " ", examples) > examples,
                    job + " --help shows an example command line: " + r.printed());
            assertEquals("", r.stderr(), job + ": " + r.printed());
        }
    }

    @Test
    void shouldPrintABashCompletionScriptThatKnowsTheJobs(@TempDir Path dir) throws Exception {
        Result r = Isolatectl.run(dir, "completion");
        assertEquals(0, r.exitCode(), r.printed());
        assertTrue(r.stdout().startsWith("#!/usr/bin/env bash"), r.stdout().lines().findFirst().orElse(""));
        assertTrue(r.stdout().contains("complete -F"), "registers a completion function");
        for (String job : new String[] {"run", "spawn", "json", "member", "classpath", "jvm-options"}) {
            assertTrue(r.stdout().matches("(?s).*\\b" + job + "\\b.*"), "the script knows " + job);
        }
        assertTrue(r.stdout().contains("--max-heap") && r.stdout().contains("--workers"), "and their options");
    }
}
