package dev.isolates.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An AppCDS archive of the classes a worker loads, so later workers start faster (DESIGN.md:
 * 588 ms to first reply without, 311 ms with); what JDKs before 24 get (see {@link ArchiveKind}).
 * The first worker for a classpath writes the list of classes it loads ({@code -XX:DumpLoadedClassList})
 * under a name of its own; once it has exited cleanly, a JVM of its own makes a static archive from
 * that list ({@code -Xshare:dump}, see {@link ArchiveAssembly}) and moves it into place, and later
 * workers map it ({@code -XX:SharedArchiveFile}).
 *
 * <p>Not a dynamic archive written as the worker exits ({@code -XX:ArchiveClassesAtExit}): on JDK 17
 * such an archive keeps the mark of every method that was waiting for the JIT compiler at that
 * moment, and a JVM that maps it never compiles those methods, so a worker's hottest loop may run
 * interpreted in every later worker. A JVM dumping a static archive runs no compiler.
 *
 * <p>CDS needs jars: a classpath with a folder on it (as in a build's tests) gets no archive. The
 * archive's name hashes the JDK, the JVM flags and each jar's path, size and time (see
 * {@link ArchiveFolder}), so a rebuilt jar gets a new archive instead of a mismatch. Safe to call
 * from any thread.
 */
public final class ClassDataArchive {
    /**
     * System property naming the folder archives go in, class-data archives and AOT caches alike;
     * {@code none} turns both off.
     */
    public static final String DIRECTORY_PROPERTY = "isolates.cds.dir";
    /** Quiets the JVM's own CDS warnings, which would go to stdout, where the user's output is. */
    static final String QUIET = "-Xlog:cds*=off,class+path=off";
    /** Archives kept in the folder; older ones are removed when a new one is made. */
    static final int KEEP = 4;

    private ClassDataArchive() {
    }

    /**
     * A launch's class-data archive: its JVM flags, and for the first worker what the supervisor
     * needs to make the archive once the JVM has exited. Immutable; safe to use from any thread.
     *
     * @param flags     the flags that map the archive or record the class list
     * @param classList where the first worker writes the classes it loads, or null when it maps the archive
     * @param archive   the archive's place
     * @param assembly  how the archive is made from the class list, or null when the worker maps it
     */
    record Plan(List<String> flags, Path classList, Path archive, ArchiveAssembly assembly)
            implements ArchivePlan {
        /** Starts making the archive after a clean exit (see {@link ArchiveAssembly#afterExit}). */
        @Override
        public void afterExit(int exitCode) {
            if (assembly != null) {
                assembly.afterExit(exitCode);
            }
        }
    }

    /**
     * The plan for a sandboxed worker: the archive if there is one (or the one for {@code base}, the
     * start of its classpath: see {@link ArchiveFolder#existing(List, String, String, String)}), never
     * a dump, since what a sandboxed isolate wrote must not become the classes other isolates load.
     */
    public static ArchivePlan planReadOnly(List<String> flags, String classpath, String base) {
        return ArchiveFolder.existing(flags, classpath, base, ".jsa").<ArchivePlan>map(ClassDataArchive::mapping)
                .orElse(ArchivePlan.none());
    }

    /** The plan for a worker started with {@code flags} and {@code classpath}. */
    public static ArchivePlan plan(List<String> flags, String classpath) {
        Optional<Path> place = ArchiveFolder.place(flags, classpath, ".jsa");
        if (place.isEmpty()) {
            return ArchivePlan.none();
        }
        Path archive = place.get();
        if (Files.isRegularFile(archive)) {
            return mapping(archive);
        }
        if (!ArchiveFolder.claim(archive)) {
            return ArchivePlan.none(); // another worker of this JVM is making it
        }
        pruneOldArchives(archive.getParent());
        Path classList = ArchiveFolder.dumpFor(ArchiveKind.CLASS_DATA_ARCHIVE.recordOf(archive));
        return new Plan(List.of("-XX:DumpLoadedClassList=" + classList, QUIET), classList, archive,
                new ArchiveAssembly(ArchiveKind.CLASS_DATA_ARCHIVE, flags, classpath, classList, archive, QUIET));
    }

    private static Plan mapping(Path archive) {
        return new Plan(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null, archive, null);
    }

    /**
     * Keeps the {@value #KEEP} newest archives: every rebuild of the jars makes a new one (15 to 20
     * MiB), and the old ones would pile up.
     */
    static void pruneOldArchives(Path dir) {
        NewestFiles.keep(dir, name -> name.endsWith(".jsa"), KEEP);
    }
}
