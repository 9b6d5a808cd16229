package dev.isolates.it;

import static dev.isolates.it.Isolatectl.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.isolates.it.Isolatectl.Result;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code isolatectl-VERSION.tar.gz} the {@code dist} module builds, unpacked outside the
 * repository and run as a user would: by its name on a {@code PATH} of a symbolic link to it, the
 * JDK's {@code bin} and {@code /usr/bin:/bin}, with no other variable than {@code HOME}. Every
 * subcommand works; class-data archives go to the user's cache, nothing into the installation.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class InstalledIsolatectlTest {
    /** The archives' path without the extension: the surefire configuration sets it. */
    private static final String ARCHIVE = System.getProperty("isolates.dist.archive");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path home;
    static Path links;
    static Path work;
    static List<String> unpacked;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(ARCHIVE != null, "the system property isolates.dist.archive names the dist module's archive");
        Path tar = Path.of(ARCHIVE + ".tar.gz");
        assertTrue(Files.isRegularFile(tar), tar + " exists: build it with mvn -pl dist -am package");
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Result untar = Isolatectl.run(new ProcessBuilder("tar", "xzf", tar.toString()), opt, Isolatectl.NO_INPUT);
        assertEquals(0, untar.exitCode(), untar.printed());
        home = opt.resolve(tar.getFileName().toString().replace(".tar.gz", ""));
        unpacked = files(home);
        links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("isolatectl"), home.resolve("bin").resolve("isolatectl"));
        work = Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("home"));
    }

    /** The files under {@code root}, relative to it, sorted. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    /** Runs {@code isolatectl ARGS...} found on the PATH, {@code variables} added to the bare environment. */
    private static Result isolatectl(File input, Map<String, String> variables, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "exec isolatectl \"$@\"", "isolatectl"));
        Collections.addAll(command, args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", links + File.pathSeparator + Path.of(System.getProperty("java.home"), "bin")
                + File.pathSeparator + "/usr/bin:/bin");
        environment.put("HOME", dir.resolve("home").toString());
        environment.put("ISOLATECTL_DAEMON", "off");
        environment.putAll(variables);
        return Isolatectl.run(builder, work, input);
    }

    private static Result isolatectl(String... args) throws IOException, InterruptedException {
        return isolatectl(Isolatectl.NO_INPUT, Map.of(), args);
    }

    private static Result succeeds(Result r) {
        assertEquals(0, r.exitCode(), r.printed());
        assertNoStackTrace(r);
        return r;
    }

    @Test
    void shouldHoldTheLauncherTheJarsAndTheCompletionScriptInBothArchives() throws Exception {
        String base = home.getFileName() + "/";
        assertTrue(unpacked.containsAll(List.of("bin/isolatectl", "bin/lib.sh", "completion/isolatectl.bash",
                "lib/isolates-cli-0.1.0-SNAPSHOT.jar", "library/isolates-supervisor-0.1.0-SNAPSHOT.jar")), unpacked.toString());
        assertTrue(Files.isExecutable(home.resolve("bin/isolatectl")));
        assertFalse(unpacked.stream().anyMatch(f -> f.startsWith("library/picocli")), "the library's folder holds no CLI jar");
        TreeSet<String> zipped = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ARCHIVE + ".zip")) {
            zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).forEach(name -> {
                assertTrue(name.startsWith(base), name + " is under " + base);
                zipped.add(name.substring(base.length()));
            });
        }
        assertEquals(unpacked, List.copyOf(zipped), "the .zip has the .tar.gz's files");
    }

    @Test
    void shouldPrintItsVersionHelpAndCompletionScript() throws Exception {
        Result version = succeeds(isolatectl("--version"));
        assertTrue(version.stdout().startsWith("isolatectl 0.1.0-SNAPSHOT"), version.printed());
        assertTrue(version.stdout().contains(System.getProperty("java.home")), "runs the JDK on the PATH: " + version.printed());
        Result help = succeeds(isolatectl("--help"));
        for (String job : List.of("run", "spawn", "json", "daemon", "classpath", "jvm-options", "completion")) {
            assertTrue(help.stdout().contains("  " + job + " "), job + " in " + help.printed());
        }
        Result completion = succeeds(isolatectl("completion"));
        Path script = home.resolve("completion/isolatectl.bash");
        assertEquals(Files.readString(script), completion.stdout(), "the shipped completion script is the one the command prints");
        // what the README's line in ~/.bashrc does
        Result sourced = Isolatectl.run(new ProcessBuilder("/bin/bash", "-c", "source \"$1\" && complete -p isolatectl",
                "bash", script.toString()), work, Isolatectl.NO_INPUT);
        assertEquals(0, sourced.exitCode(), sourced.printed());
        assertTrue(sourced.stdout().contains(" -F ") && sourced.stdout().trim().endsWith(" isolatectl"), sourced.printed());
    }

    @Test
    void shouldPrintTheLibrarysClasspathAndJvmOptions() throws Exception {
        String classpath = succeeds(isolatectl("classpath")).stdout().trim();
        for (String entry : classpath.split(File.pathSeparator)) {
            assertTrue(entry.startsWith(home.resolve("library") + "/") && entry.endsWith(".jar"), entry);
        }
        assertTrue(classpath.contains("isolates-supervisor-0.1.0-SNAPSHOT.jar"), classpath);
        String options = succeeds(isolatectl("jvm-options")).stdout();
        assertTrue(options.contains("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED")
                && options.contains("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), options);
    }

    @Test
    void shouldRunAndSpawnPluginsCompiledAgainstItsClasspath() throws Exception {
        String classpath = succeeds(isolatectl("classpath")).stdout().trim();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String classes = Isolatectl.compile(plugins, classpath, Map.of(
                "plugin/Greet.java", """
                        package plugin;
                        import dev.isolates.IsolateTask;
                        import java.util.List;
                        public class Greet implements IsolateTask {
                            public Object run(List<String> args) { return "hello " + String.join(" and ", args); }
                        }
                        """,
                "plugin/Upper.java", """
                        package plugin;
                        import dev.isolates.MessageHandler;
                        public class Upper implements MessageHandler {
                            public Object handle(String line) { return line.toUpperCase(); }
                        }
                        """)).toString();
        Result run = succeeds(isolatectl("run", "--classpath", classes, "plugin.Greet", "Ada", "Grace"));
        assertEquals("\"hello Ada and Grace\"", run.stdout().trim(), run.printed());
        Path input = Files.writeString(dir.resolve("lines.txt"), "alpha\nbeta\n", StandardCharsets.UTF_8);
        Result spawn = succeeds(isolatectl(input.toFile(), Map.of(), "spawn", "--classpath", classes, "plugin.Upper"));
        assertEquals(List.of("\"ALPHA\"", "\"BETA\""), spawn.lines(), spawn.printed());
    }

    @Test
    void shouldSummarizeJsonFilesInProcessAndThroughItsDaemon() throws Exception {
        Path orders = JsonTestFiles.write(dir.resolve("json/orders.json"), JsonTestFiles.orders("A-1", 40));
        Path integers = JsonTestFiles.integers(dir.resolve("json/integers.json"), 1000);
        Result inProcess = succeeds(isolatectl("json", orders.toString(), integers.toString()));
        assertSummaries(inProcess, orders, integers);

        try (DaemonFolder daemon = DaemonFolder.create((variables, args) ->
                isolatectl(Isolatectl.NO_INPUT, variables, args))) {
            long started = daemon.start();
            assertSummaries(succeeds(daemon.run("json", orders.toString(), integers.toString())), orders, integers);
            Result status = succeeds(daemon.run("daemon", "status"));
            OptionalLong pid = daemon.pid();
            assertEquals(OptionalLong.of(started), pid, status.printed());
            assertTrue(status.stdout().contains(System.getProperty("java.home")), status.printed());
            Result stop = succeeds(daemon.run("daemon", "stop"));
            assertTrue(stop.stdout().contains("daemon " + pid.getAsLong() + " stops"), stop.printed());
            DaemonFolder.awaitEnd(pid.getAsLong());
        }
    }

    /** One summary line a file, in the order they were done: each names its file and its size. */
    private static void assertSummaries(Result r, Path... files) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        for (Path f : files) {
            expected.put(f.toString(), Files.size(f));
        }
        Map<String, Long> printed = new TreeMap<>();
        for (String line : r.lines()) {
            JsonNode summary = JSON.readTree(line);
            printed.put(summary.path("file").asText(), summary.path("bytes").asLong());
        }
        assertEquals(files.length, r.lines().size(), r.printed());
        assertEquals(expected, printed, r.printed());
    }

    @Test
    void shouldKeepItsClassDataArchivesInTheUsersCacheAndWriteNothingIntoTheInstallation() throws Exception {
        succeeds(isolatectl("jvm-options"));
        succeeds(isolatectl("jvm-options"));
        assertEquals(unpacked, files(home), "the installation is as it was unpacked");
        Path cache = dir.resolve("home/.cache/isolates/cds/isolatectl-installed");
        try (Stream<Path> archives = Files.list(cache)) {
            assertTrue(archives.anyMatch(f -> f.getFileName().toString().startsWith("jvm-options-")),
                    "an archive of the jvm-options runs in " + cache);
        }
    }

    @Test
    void shouldPassACommandToItsDaemonThroughTheNativeClient() throws Exception {
        String client = "bin/" + Isolatectl.nativeClientName();
        assumeTrue(unpacked.contains(client), "skipped: the build made no native client " + client
                + " (it is built where /usr/bin/cc is)");
        assertTrue(Files.isExecutable(home.resolve(client)));
        Files.writeString(work.resolve("daemon.json"), "{\"a\": [1, {\"b\": 2}]}");
        DaemonFolder daemon = DaemonFolder.create((variables, args) -> isolatectl(Isolatectl.NO_INPUT, variables, args));
        try {
            daemon.start();
            Result json = succeeds(daemon.run("json", "daemon.json"));
            assertTrue(json.stdout().contains("\"values\":"), json.printed());

            // the socket the installed client finds is the one the daemon (started by the Java client) made
            List<String> command = List.of(home.resolve(client).toString(), "--socket", "/nonexistent/isolatectl",
                    Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString(),
                    home.resolve("lib") + "/*");
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().put("PATH", links + File.pathSeparator + Path.of(System.getProperty("java.home"), "bin")
                    + File.pathSeparator + "/usr/bin:/bin");
            builder.environment().put("HOME", dir.resolve("home").toString());
            builder.environment().putAll(daemon.environment());
            Result socket = Isolatectl.run(builder, work, Isolatectl.NO_INPUT);
            assertEquals(0, socket.exitCode(), socket.printed());
            try (Stream<Path> files = Files.list(daemon.path())) {
                assertEquals(List.of(socket.stdout().trim()),
                        files.map(Path::toString).filter(f -> f.endsWith(".sock")).toList());
            }
        } finally {
            daemon.close();
        }
    }
}
