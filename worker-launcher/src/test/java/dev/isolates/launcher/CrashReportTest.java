package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashReportTest {
    private static final String BANNER = """
            #
            # A fatal error has been detected by the Java Runtime Environment:
            #
            #  SIGSEGV (0xb) at pc=0x00007fc1d96d2f94, pid=%d, tid=17231
            #
            # Problematic frame:
            # V  [libjvm.so+0xed2f94]  Unsafe_PutLong+0x124
            #

            ---------------  S U M M A R Y ------------
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadBannerFromErrorFileWithPidExpanded() throws Exception {
        Files.writeString(dir.resolve("hs_err_4242.log"), BANNER.formatted(4242));
        List<String> command = List.of("java", "-XX:ErrorFile=" + dir + "/hs_err_%p.log", "Main");

        List<String> banner = CrashReport.banner(command, 4242);

        assertTrue(banner.contains("#  SIGSEGV (0xb) at pc=0x00007fc1d96d2f94, pid=4242, tid=17231"), banner.toString());
        assertEquals("# The JVM's crash report: " + dir.resolve("hs_err_4242.log"), banner.get(banner.size() - 1));
        assertTrue(banner.stream().noneMatch(l -> l.contains("S U M M A R Y")), "only the banner: " + banner);
    }

    @Test
    void shouldSkipReportOfAnotherProcess() throws Exception {
        Files.writeString(dir.resolve("hs_err_4242.log"), BANNER.formatted(1111));
        List<String> command = List.of("java", "-XX:ErrorFile=" + dir + "/hs_err_%p.log", "Main");

        assertEquals(List.of(), CrashReport.banner(command, 4242));
    }

    @Test
    void shouldLookInWorkingDirectoryAndTmpWithoutErrorFile() {
        List<Path> candidates = CrashReport.candidates(List.of("java", "Main"), 77);

        assertEquals(List.of(Path.of("hs_err_pid77.log"), Path.of("/tmp/hs_err_pid77.log")), candidates);
    }
}
