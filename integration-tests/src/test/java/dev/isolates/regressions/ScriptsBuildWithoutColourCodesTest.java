package dev.isolates.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.it.Isolatectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 13: the scripts' build on first use writes no terminal colour codes to stderr
 * (Maven 3.8.7 as Debian packs it writes {@code ESC[0m} even with {@code -B -Dstyle.color=never}).
 * Runs the real {@code scripts/lib.sh} and the real Maven on a project of nothing but a pom, so the
 * build is quick and touches nothing of this one.
 */
class ScriptsBuildWithoutColourCodesTest {
    @Test
    void shouldBuildOnFirstUseWithoutWritingColourCodes(@TempDir Path dir) throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Files.copy(Isolatectl.ROOT.resolve("scripts").resolve("lib.sh"), scripts.resolve("lib.sh"));
        Files.writeString(dir.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test</groupId><artifactId>nothing</artifactId><version>1</version>
                  <packaging>pom</packaging>
                </project>
                """);
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder("bash", "-c", ". scripts/lib.sh && isolates_build_if_needed")
                .directory(dir.toFile()).redirectError(err.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the build finishes");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stderr.contains("building the project on first use"), stderr);
        assertFalse(stderr.contains("\u001b") || stdout.contains("\u001b"), "no escape codes: " + stderr.replace("\u001b", "ESC"));
    }
}
