package dev.isolates.cli.daemon;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Names a build, a JDK and the settings the library reads from the environment: a hash of
 * {@code java.home}, the JDK's version, every classpath entry's path, size and time, the
 * {@code bwrap} and {@code prlimit} the sandbox would use ({@code ISOLATES_BWRAP}, else the first on
 * the {@code PATH}) and the cache folder isolates keep their archives in ({@code XDG_CACHE_HOME},
 * {@code HOME}). A rebuilt project, another JDK or another sandbox gets a daemon of its own. Uses
 * {@code java.io.File} and a plain FNV-1a hash, which the client's JVM has loaded already, so the
 * key costs it no class loading.
 */
final class BuildKey {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private BuildKey() {
    }

    /**
     * The key of the daemon whose classpath is {@code classpath} (as {@code java -cp} takes it:
     * a folder's jars may be written {@code folder/*}), run by this JVM's JDK with
     * {@code environment}'s settings: 16 hex digits.
     */
    static String of(String classpath, Map<String, String> environment) {
        long h = FNV_OFFSET;
        String bwrap = environment.get("ISOLATES_BWRAP");
        h = add(h, bwrap != null && !bwrap.isBlank() ? bwrap : onPath("bwrap", environment.get("PATH")));
        h = add(h, onPath("prlimit", environment.get("PATH")));
        h = add(h, String.valueOf(environment.get("XDG_CACHE_HOME")));
        h = add(h, String.valueOf(environment.get("HOME")));
        h = add(h, System.getProperty("java.home"));
        h = add(h, System.getProperty("java.runtime.version"));
        for (File f : entries(classpath)) {
            h = add(h, f.getPath());
            h = add(h, Long.toString(f.length()));
            h = add(h, Long.toString(f.lastModified()));
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /**
     * The files of {@code classpath}, each {@code folder/*} written out as the folder's jars, sorted:
     * the client sees the daemon's classpath as the script wrote it, the daemon as its JVM expanded it.
     */
    static File[] entries(String classpath) {
        List<File> files = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.endsWith(File.separator + "*")) {
                File[] jars = new File(entry.substring(0, entry.length() - 2)).listFiles();
                for (File jar : jars == null ? new File[0] : jars) {
                    String name = jar.getName();
                    if (name.endsWith(".jar") || name.endsWith(".JAR")) {
                        files.add(jar);
                    }
                }
            } else if (!entry.isEmpty()) {
                files.add(new File(entry));
            }
        }
        File[] sorted = files.toArray(new File[0]);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The first executable {@code name} in {@code path}'s folders, or "" if none. */
    private static String onPath(String name, String path) {
        if (path == null) {
            return "";
        }
        for (String folder : path.split(File.pathSeparator)) {
            File candidate = new File(folder, name);
            if (!folder.isEmpty() && candidate.isFile() && candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return "";
    }

    /** The number of jars and folders on this JVM's classpath, for {@code daemon status}. */
    static int classpathEntries() {
        return entries(System.getProperty("java.class.path")).length;
    }

    private static long add(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        h ^= 0x10000; // no char: a separator, so "ab" + "c" and "a" + "bc" differ
        return h * FNV_PRIME;
    }
}
