package dev.isolates.launcher;

import java.util.List;

/**
 * Which archive of their classes a JDK's workers start from: JDKs from 24 on make and map an AOT
 * cache ({@code -XX:AOTCache}), which holds classes loaded and linked and, from 25, method profiles;
 * earlier ones a class-data archive. Both live in the folder {@value ClassDataArchive#DIRECTORY_PROPERTY}
 * names, and {@code none} there turns both off. Immutable; safe to use from any thread.
 */
enum ArchiveKind {
    CLASS_DATA_ARCHIVE {
        @Override
        ArchivePlan plan(List<String> flags, String classpath, String base, boolean sandboxed) {
            return sandboxed ? ClassDataArchive.planReadOnly(flags, classpath, base)
                    : ClassDataArchive.plan(flags, classpath);
        }
    },
    AOT_CACHE {
        @Override
        ArchivePlan plan(List<String> flags, String classpath, String base, boolean sandboxed) {
            return sandboxed ? AotCache.planReadOnly(flags, classpath, base) : AotCache.plan(flags, classpath);
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
}
