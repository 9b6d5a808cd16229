package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.it.Isolatectl.Result;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code isolatectl spawn}: one reply per stdin line, in input order, whatever the handler does to its isolate. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolatectlSpawnTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String classes;

    @BeforeAll
    static void compileHandlers() throws Exception {
        classes = Isolatectl.compile(dir, Map.of(
                "plugin/Upper.java", """
                        package plugin;
                        import dev.isolates.MessageHandler;
                        import java.nio.file.*;
                        public class Upper implements MessageHandler {
                            public Object handle(String line) throws Exception {
                                if (line.startsWith("crash")) { System.exit(9); }
                                if (line.startsWith("throw")) { throw new IllegalArgumentException("cannot take " + line); }
                                if (line.startsWith("once ")) {
                                    Path marker = Path.of(line.substring(5));
                                    if (!Files.exists(marker)) {
                                        Files.writeString(marker, "seen");
                                        System.exit(11); // only the first time this line is handled
                                    }
                                    return "survived";
                                }
                                if (line.equals("loop")) { while (true) { Thread.sleep(20); } }
                                return line.toUpperCase();
                            }
                        }
                        """,
                "plugin/NotAHandler.java", "package plugin;\npublic class NotAHandler { }\n")).toString();
    }

    /** {@code isolatectl spawn --classpath CLASSES OPTIONS... CLASS < input}. */
    private static Result spawn(List<String> input, String className, String... options) throws Exception {
        Path in = Files.createTempFile(dir, "input", ".txt");
        Files.write(in, input, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("spawn", "--classpath", classes));
        command.addAll(List.of(options));
        command.add(className);
        File file = in.toFile();
        return Isolatectl.run(dir, file, command.toArray(new String[0]));
    }

    private static void assertError(String line, int number, String says) throws Exception {
        JsonNode error = JSON.readTree(line);
        assertEquals(number, error.path("line").asInt(-1), line);
        assertTrue(error.path("error").asText().contains(says), "error should say " + says + ": " + line);
    }

    @Test
    void shouldReplyToEveryLineInOrderAndGoOnPastLinesThatCrashOrThrow() throws Exception {
        Result r = spawn(List.of("alpha", "crash now", "beta", "throw this", "gamma", "crash again", "delta"), "plugin.Upper");
        assertEquals(1, r.exitCode(), r.printed());
        List<String> out = r.lines();
        assertEquals(7, out.size(), r.printed());
        assertEquals("\"ALPHA\"", out.get(0));
        assertError(out.get(1), 2, "System.exit");
        assertEquals("\"BETA\"", out.get(2));
        assertError(out.get(3), 4, "cannot take throw this");
        assertEquals("\"GAMMA\"", out.get(4));
        assertError(out.get(5), 6, "System.exit");
        assertEquals("\"DELTA\"", out.get(6));
        assertTrue(r.stderr().contains("7 messages") && r.stderr().contains("3 failed"), "summary: " + r.printed());
        assertNoStackTrace(r);
    }

    @Test
    void shouldAnswerEachLineBeforeTheNextArrivesForAProgramTalkingLineByLine() throws Exception {
        List<String> command = new ArrayList<>(List.of(Isolatectl.SCRIPT.toString(), "spawn", "--quiet", "--classpath",
                classes, "plugin.Upper"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Isolatectl.environment(builder.environment(), dir);
        Process p = builder.start();
        try (BufferedWriter toSpawn = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
             BufferedReader fromSpawn = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String word : List.of("ask", "and", "answer")) {
                toSpawn.write(word);
                toSpawn.newLine();
                toSpawn.flush(); // the next line is written only after this one's reply came
                CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                    try {
                        return fromSpawn.readLine();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertEquals("\"" + word.toUpperCase() + "\"", reply.get(60, TimeUnit.SECONDS));
            }
        } finally {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
        assertEquals(0, p.exitValue());
    }

    @Test
    void shouldExitZeroWhenEveryLineIsHandledByTwoWorkers() throws Exception {
        List<String> input = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.toList());
        Result r = spawn(input, "plugin.Upper", "--workers", "2");
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(input.stream().map(s -> "\"" + s.toUpperCase() + "\"").collect(Collectors.toList()), r.lines(), r.printed());
        assertTrue(r.stderr().contains("40 messages") && r.stderr().contains("0 failed"), "summary: " + r.printed());
    }

    @Test
    void shouldHandleALineAgainAfterItsIsolateDiedWhenRetriesAreAllowed() throws Exception {
        Path marker = dir.resolve("crashed-once.marker");
        Result r = spawn(List.of("before", "once " + marker, "after"), "plugin.Upper", "--retries", "1",
                "--allow-write", dir.toString());
        assertEquals(0, r.exitCode(), r.printed());
        assertEquals(List.of("\"BEFORE\"", "\"survived\"", "\"AFTER\""), r.lines(), r.printed());
        assertTrue(Files.exists(marker), "the first attempt ran and crashed its isolate");
        assertTrue(r.stderr().contains("1 isolate replaced"), "summary: " + r.printed());
    }

    @Test
    void shouldFailOnlyTheLineThatOutlivesTheTimeout() throws Exception {
        Result r = spawn(List.of("first", "loop", "third"), "plugin.Upper", "--timeout", "5s");
        assertEquals(1, r.exitCode(), r.printed());
        List<String> out = r.lines();
        assertEquals(3, out.size(), r.printed());
        assertEquals("\"FIRST\"", out.get(0));
        assertError(out.get(1), 2, "timed out");
        assertEquals("\"THIRD\"", out.get(2));
        assertNoStackTrace(r);
    }

    @Test
    void shouldExitTwoWithAClearMessageWhenTheHandlerClassIsMissingOrWrong() throws Exception {
        Result missing = spawn(List.of("a"), "plugin.NoSuchHandler");
        assertEquals(2, missing.exitCode(), missing.printed());
        assertTrue(missing.stderr().contains("plugin.NoSuchHandler is not on the isolate's classpath"), missing.printed());
        assertEquals("", missing.stdout(), missing.printed());
        assertNoStackTrace(missing);

        Result wrong = spawn(List.of("a"), "plugin.NotAHandler");
        assertEquals(2, wrong.exitCode(), wrong.printed());
        assertTrue(wrong.stderr().contains("does not implement dev.isolates.MessageHandler"), wrong.printed());
        assertNoStackTrace(wrong);
    }

    @Test
    void shouldStreamThousandsOfLinesWithOneReplyEach() throws Exception {
        int n = 4000;
        List<String> input = IntStream.rangeClosed(1, n).mapToObj(i -> "m" + i).collect(Collectors.toList());
        Result r = spawn(input, "plugin.Upper", "--workers", "2", "--quiet");
        assertEquals(0, r.exitCode(), r.printed().substring(0, Math.min(2000, r.printed().length())));
        List<String> out = r.lines();
        assertEquals(n, out.size(), "one reply per line");
        for (int i = 0; i < n; i++) {
            assertEquals("\"M" + (i + 1) + "\"", out.get(i), "reply " + (i + 1));
        }
        assertEquals("", r.stderr(), "--quiet prints no summary");
    }
}
