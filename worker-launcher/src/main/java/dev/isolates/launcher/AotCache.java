package dev.isolates.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An AOT cache of a worker's classes (JEP 483, with method profiles from JEP 515 on JDK 25): what
 * JDKs from 24 on get instead of a class-data archive (see {@link ArchiveKind}). A worker maps it
 * with {@code -XX:AOTCache}, so its classes come loaded and linked. The first worker for a classpath
 * is the training run ({@code -XX:AOTMode=record}); once it has exited cleanly, a JVM of its own
 * makes the cache from what it recorded ({@link ArchiveAssembly}), and later workers map it. This
 * is the two-step form, not JDK 25's one-step {@code -XX:AOTCacheOutput}: with that, the worker's
 * exit waits for a second JVM that writes the cache (about 2 s on 2 cores, against the supervisor's
 * 5 s grace), and that JVM says "Picked up JAVA_TOOL_OPTIONS" with the whole classpath on the
 * worker's stderr, which is the user's.
 *
 * <p>The same rules as {@link ClassDataArchive}'s, in the same folder ({@link ArchiveFolder}): jars
 * only, a name that hashes the JDK, flags and jars, dumps under a name of their own. Safe to call
 * from any thread.
 */
public final class AotCache {
    /** Caches kept in the folder; older ones are removed when a new one is made. */
    static final int KEEP = 4;
    /** The start of the line the training JVM prints as it exits, whatever the log says. */
    static final String RECORDED = "AOTConfiguration recorded: ";
    /** Flags that set how the JVM shares classes: beside one of them, {@code -XX:AOTCache} stops the JVM. */
    private static final List<String> SHARING_FLAGS = List.of("-Xshare:", "-XX:SharedArchiveFile",
            "-XX:ArchiveClassesAtExit", "-XX:SharedClassListFile", "-XX:DumpLoadedClassList",
            "-XX:+AutoCreateSharedArchive", "-XX:AOT");

    private AotCache() {
    }

    /**
     * A launch's AOT cache: its JVM flags, and for the training run what the supervisor needs to make
     * the cache once the JVM has exited. Immutable; safe to use from any thread.
     *
     * @param flags         the flags that map the cache or record the training run
     * @param configuration where the training run records, or null when the worker maps the cache
     * @param archive       the cache's place
     * @param assembly      how the cache is made from the configuration, or null when the worker maps it
     */
    record Plan(List<String> flags, Path configuration, Path archive, ArchiveAssembly assembly)
            implements ArchivePlan {
        /** Starts making the cache after a clean exit of the training run (see {@link ArchiveAssembly#afterExit}). */
        @Override
        public void afterExit(int exitCode) {
            if (assembly != null) {
                assembly.afterExit(exitCode);
            }
        }

        @Override
        public Consumer<String> stderrTo(Consumer<String> sink) {
            if (configuration == null) {
                return sink;
            }
            String notice = RECORDED + configuration;
            return line -> {
                if (!line.endsWith(notice)) {
                    sink.accept(line);
                    return;
                }
                // the JVM's line may end one the program did not end; what the program wrote goes on
                String before = line.substring(0, line.length() - notice.length()).stripTrailing();
                if (!before.isEmpty()) {
                    sink.accept(before);
                }
            };
        }
    }

    /**
     * The plan for a sandboxed worker: the cache if there is one (or the one for {@code base}, the
     * start of its classpath: see {@link ArchiveFolder#existing(List, String, String, String)}), never
     * a training run, since what a sandboxed isolate loaded must not become the classes other
     * isolates start with.
     */
    public static ArchivePlan planReadOnly(List<String> flags, String classpath, String base) {
        Optional<Path> cache = setsSharing(flags) ? Optional.empty()
                : ArchiveFolder.existing(flags, classpath, base, ".aot");
        return cache.<ArchivePlan>map(AotCache::mapping).orElse(ArchivePlan.none());
    }

    /** The plan for a worker started with {@code flags} and {@code classpath}. */
    public static ArchivePlan plan(List<String> flags, String classpath) {
        Optional<Path> place = setsSharing(flags) ? Optional.empty() : ArchiveFolder.place(flags, classpath, ".aot");
        if (place.isEmpty()) {
            return ArchivePlan.none();
        }
        Path cache = place.get();
        if (Files.isRegularFile(cache)) {
            return mapping(cache);
        }
        if (!ArchiveFolder.claim(cache)) {
            return ArchivePlan.none(); // another worker of this JVM trains, or this JVM could not make it
        }
        pruneOldCaches(cache.getParent());
        Path configuration = ArchiveFolder.dumpFor(configurationOf(cache));
        List<String> training = List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration,
                // the JVM prints RECORDED on its stdout, the user's, unless told to use stderr
                "-XX:+DisplayVMOutputToStderr", quiet());
        return new Plan(training, configuration, cache,
                new ArchiveAssembly(ArchiveKind.AOT_CACHE, flags, classpath, configuration, cache, quiet()));
    }

    /** The name a training run's configuration for {@code cache} is recorded under, before its dump suffix. */
    static Path configurationOf(Path cache) {
        return cache.resolveSibling(cache.getFileName() + "conf");
    }

    private static Plan mapping(Path cache) {
        return new Plan(List.of("-XX:AOTCache=" + cache, quiet()), null, cache, null);
    }

    /**
     * Quiets the JVM's own logging about the cache (a cache it rejects, classes it skips while
     * training), which would go to stdout, where the user's output is.
     */
    static String quiet() {
        return quiet(Runtime.version().feature());
    }

    /** As {@link #quiet()} for the JDK with feature version {@code feature}: the {@code aot} tag came in 25. */
    static String quiet(int feature) {
        return feature >= 25 ? "-Xlog:aot*=off,cds*=off,class+path=off" : ClassDataArchive.QUIET;
    }

    /**
     * True when {@code flags}, or the options the JVM reads from its environment, already say how it
     * shares classes (such as {@code -Xshare:off}): {@code -XX:AOTCache} beside them stops the JVM.
     */
    static boolean setsSharing(List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            String options = System.getenv(variable);
            if (options != null) {
                all.addAll(List.of(options.trim().split("\\s+")));
            }
        }
        return all.stream().anyMatch(f -> SHARING_FLAGS.stream().anyMatch(f::startsWith));
    }

    /**
     * Keeps the {@value #KEEP} newest caches: every rebuild of the jars makes a new one (about 30
     * MiB), and the old ones would pile up.
     */
    static void pruneOldCaches(Path dir) {
        NewestFiles.keep(dir, name -> name.endsWith(".aot"), KEEP);
    }
}
