package dev.isolates.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerDirectivesTest {
    @TempDir
    Path dir;

    @Test
    void shouldGiveFlagsThisJvmStartsWith() throws Exception {
        Path file = dir.resolve("compiler-directives.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(CompilerDirectives.flags(file));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(java.getInputStream().readAllBytes());
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "java -version did not end");
        assertEquals(0, java.exitValue(), printed);
        assertTrue(printed.contains("1 compiler directives added"), printed);
    }

    @Test
    void shouldRewriteAFileThatHoldsOtherDirectives() throws IOException {
        Path file = dir.resolve("compiler-directives.json");
        Files.writeString(file, "[{ match: \"*.*\", c2: { Exclude: tr");
        CompilerDirectives.flags(file);
        assertEquals(CompilerDirectives.TEXT, Files.readString(file));
        CompilerDirectives.flags(file);
        assertEquals(List.of(file.getFileName()), Files.list(dir).map(Path::getFileName).toList(), "no file left beside it");
    }
}
