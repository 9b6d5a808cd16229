package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.bootstrap.WorkerArguments;
import dev.isolates.bootstrap.WorkerBody;
import dev.isolates.bootstrap.WorkerHandover;
import dev.isolates.bootstrap.WorkerMain;
import dev.isolates.protocol.ChannelKey;
import dev.isolates.protocol.ExitReason;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerCommandLineTest {
    private static final WorkerArguments ARGUMENTS = new WorkerArguments(Path.of("/session/w1"),
            Path.of("/session/arena-1"), Path.of("/session/arena-2"), 4211, "parser-1");

    private static WorkerSpec spec(String maxHeap, List<String> jvmArgs, List<Path> classpath) {
        return new WorkerSpec("parser-1", maxHeap, jvmArgs, classpath, Map.of(), Duration.ofSeconds(30));
    }

    @Test
    void shouldStartWithJavaOfThisJdk() {
        List<String> cmd = WorkerCommandLine.of(spec(null, List.of(), List.of()), ARGUMENTS);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), cmd.get(0));
    }

    @Test
    void shouldPutLibraryFlagsFirstThenHeapThenCallersArguments() {
        List<String> jvmArgs = List.of("-Xss4m", "-XX:+UseParallelGC");
        List<String> cmd = WorkerCommandLine.of(spec("256m", jvmArgs, List.of()), ARGUMENTS);

        List<String> library = new ArrayList<>();
        library.add("-XX:ErrorFile=/session/hs_err_pid%p.log");
        library.addAll(WorkerCommandLine.inheritedProperties());
        library.addAll(JdkFlags.forThisJdk());
        library.addAll(WorkerCommandLine.ISOLATE_FLAGS);
        assertEquals(library, cmd.subList(1, 1 + library.size()));
        int heap = cmd.indexOf("-Xmx256m");
        assertEquals(1 + library.size(), heap);
        assertEquals(jvmArgs, cmd.subList(heap + 1, heap + 1 + jvmArgs.size()),
                "the caller's arguments come after the library's, so that they win");
        assertEquals("-cp", cmd.get(heap + 1 + jvmArgs.size()));
    }

    @Test
    void shouldGiveIsolatesJnasLibraryFoldersAsFoundHereBeforeTheCallersArguments() {
        String before = System.getProperty(WorkerCommandLine.JNA_SEARCH_PATH);
        System.setProperty(WorkerCommandLine.JNA_SEARCH_PATH, "/usr/lib/x86_64-linux-gnu:/lib");
        try {
            List<String> cmd = WorkerCommandLine.of(spec(null, List.of("-Dmine=1"), List.of()), ARGUMENTS);

            int jna = cmd.indexOf("-Djna.platform.library.path=/usr/lib/x86_64-linux-gnu:/lib");
            assertTrue(jna > 0, "given: " + cmd);
            assertTrue(jna < cmd.indexOf("-Dmine=1"), "the caller's arguments come after, so that they win: " + cmd);
            assertEquals(WorkerCommandLine.jvmFlags(spec(null, List.of("-Dmine=1"), List.of())).size(),
                    WorkerCommandLine.jvmFlags(spec(null, List.of("-Dmine=1"), List.of())).stream()
                            .filter(f -> !f.startsWith("-Djna.")).count(),
                    "not among the flags an archive of classes is keyed by");
        } finally {
            if (before == null) {
                System.clearProperty(WorkerCommandLine.JNA_SEARCH_PATH);
            } else {
                System.setProperty(WorkerCommandLine.JNA_SEARCH_PATH, before);
            }
        }
    }

    @Test
    void shouldLeaveHeapToJvmWhenNotSet() {
        List<String> cmd = WorkerCommandLine.of(spec(null, List.of(), List.of()), ARGUMENTS);
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("-Xmx")), cmd.toString());
    }

    @Test
    void shouldAppendExtraClasspathToOwn() {
        Path jar = Path.of("plugins", "plugin.jar");
        Path folder = Path.of("/opt/classes");
        List<String> cmd = WorkerCommandLine.of(spec(null, List.of(), List.of(jar, folder)), ARGUMENTS);

        String cp = cmd.get(cmd.indexOf("-cp") + 1);
        String own = System.getProperty("java.class.path");
        assertEquals(own + File.pathSeparator + jar.toAbsolutePath() + File.pathSeparator + folder, cp);
    }

    @Test
    void shouldEndWithMainClassAndOnlyTheIsolatesName() {
        List<String> cmd = WorkerCommandLine.of(spec("1g", List.of("-Dx=y"), List.of()), ARGUMENTS);
        int main = cmd.indexOf(WorkerMain.class.getName());
        assertEquals(cmd.indexOf("-cp") + 2, main);
        assertEquals(List.of("parser-1"), cmd.subList(main + 1, cmd.size()));
        assertFalse(cmd.stream().anyMatch(a -> a.contains("/session/w1") || a.contains("arena")), cmd.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256m", "2g", "2G", "512k", "1024", "1t"})
    void shouldAcceptHeapSizes(String size) {
        assertDoesNotThrow(() -> WorkerCommandLine.checkHeap(size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0m", "-1", "", "256mb", "1.5g", "m", " 256m", "0"})
    void shouldRejectMalformedHeapSizes(String size) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerCommandLine.checkHeap(size));
        assertTrue(e.getMessage().contains("256m"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + size + "\""), e.getMessage());
    }

    @Test
    void shouldStartJvmThatReachesWorkerMain() throws Exception {
        // This module has no WorkerBody, so a worker started from here stops at loading one: that proves
        // the JVM accepted every flag and ran WorkerMain with its arguments.
        WorkerArguments arguments = new WorkerArguments(Path.of("/nonexistent/w1"), Path.of("/nonexistent/a1"),
                Path.of("/nonexistent/a2"), ProcessHandle.current().pid(), "probe");
        List<String> cmd = WorkerCommandLine.of(spec("64m", List.of("-Xss2m"), List.of()), arguments);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        new WorkerHandover(arguments, ChannelKey.random()).writeTo(p.getOutputStream());
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitReason.BOOTSTRAP_FAILED.code(), p.exitValue(), output);
        assertTrue(output.contains("no " + WorkerBody.class.getName()), output);
    }
}
