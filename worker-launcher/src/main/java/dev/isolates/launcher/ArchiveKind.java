package dev.isolates.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * Which archive of their classes a JDK's workers start from: JDKs from 24 on make and map an AOT
 * cache ({@code -XX:AOTCache}), which holds classes loaded and linked and, from 25, method profiles;
 * earlier ones a class-data archive. Both live in the folder {@value ClassDataArchive#DIRECTORY_PROPERTY}
 * names, and {@code none} there turns both off. Either is made in two steps: the first worker records
 * what it loads, and once it has exited, a JVM of its own makes the archive from that record
 * ({@link ArchiveAssembly}). Immutable; safe to use from any thread.
 */
enum ArchiveKind {
    CLASS_DATA_ARCHIVE {
        @Override
        ArchivePlan plan(List<String> flags, String classpath, String base, boolean sandboxed) {
            return sandboxed ? ClassDataArchive.planReadOnly(flags, classpath, base)
                    : ClassDataArchive.plan(flags, classpath);
        }

        @Override
        List<String> creating(Path recorded, Path dump) {
            // a static archive from the class list: a JVM dumping one runs no JIT compiler, so none
            // of the archived methods can be left marked as queued for compilation
            return List.of("-Xshare:dump", "-XX:SharedClassListFile=" + recorded, "-XX:SharedArchiveFile=" + dump);
        }

        @Override
        List<String> checking(Path dump) {
            return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + dump);
        }

        @Override
        Path recordOf(Path archive) {
            return archive.resolveSibling(archive.getFileName() + "list");
        }

        @Override
        void pruneOld(Path dir) {
            ClassDataArchive.pruneOldArchives(dir);
        }

        @Override
        boolean plausibleRecord(Path recorded) {
            // a line per class, written as it loads: a small program's list is a few KiB
            return ArchiveFolder.plausible(recorded, 1);
        }
    },
    AOT_CACHE {
        @Override
        ArchivePlan plan(List<String> flags, String classpath, String base, boolean sandboxed) {
            return sandboxed ? AotCache.planReadOnly(flags, classpath, base) : AotCache.plan(flags, classpath);
        }

        @Override
        List<String> creating(Path recorded, Path dump) {
            return List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recorded, "-XX:AOTCache=" + dump);
        }

        @Override
        List<String> checking(Path dump) {
            return List.of("-XX:AOTMode=on", "-XX:AOTCache=" + dump);
        }

        @Override
        Path recordOf(Path archive) {
            return AotCache.configurationOf(archive);
        }

        @Override
        void pruneOld(Path dir) {
            AotCache.pruneOldCaches(dir);
        }

        @Override
        boolean plausibleRecord(Path recorded) {
            return ArchiveFolder.plausible(recorded);
        }
    };

    /** The kind for the JDK with feature version {@code feature}. */
    static ArchiveKind of(int feature) {
        return feature >= 24 ? AOT_CACHE : CLASS_DATA_ARCHIVE;
    }

    /** The kind for the JDK running now, which workers run on too. */
    static ArchiveKind forThisJdk() {
        return of(Runtime.version().feature());
    }

    /**
     * The plan for a worker started with {@code flags} and {@code classpath}, which starts with
     * {@code base} (the library's own classpath); a sandboxed one only maps an archive that is
     * there, its own or {@code base}'s, and never makes one.
     */
    abstract ArchivePlan plan(List<String> flags, String classpath, String base, boolean sandboxed);

    /** The flags of the JVM that makes the archive at {@code dump} from what a worker recorded at {@code recorded}. */
    abstract List<String> creating(Path recorded, Path dump);

    /** The flags of a JVM that fails to start unless it can map the archive at {@code dump}. */
    abstract List<String> checking(Path dump);

    /** The name what a worker records for {@code archive} goes under, before its dump suffix. */
    abstract Path recordOf(Path archive);

    /** Keeps the newest archives of this kind in {@code dir}, as a new one is made. */
    abstract void pruneOld(Path dir);

    /** True when {@code recorded} is there and big enough to be a whole record of a worker's run. */
    abstract boolean plausibleRecord(Path recorded);
}
