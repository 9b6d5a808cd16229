package dev.isolates.cli.daemon;

import java.io.File;

/**
 * Names a build and a JDK: a hash of {@code java.home}, the JDK's version and every classpath
 * entry's path, size and time. A rebuilt project or another JDK gets a daemon of its own. Uses
 * {@code java.io.File} and a plain FNV-1a hash, which the client's JVM has loaded already, so the
 * key costs it no class loading.
 */
final class BuildKey {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private BuildKey() {
    }

    /** The key of this JVM's build and JDK: 16 hex digits. */
    static String current() {
        long h = FNV_OFFSET;
        h = add(h, System.getProperty("java.home"));
        h = add(h, System.getProperty("java.runtime.version"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            h = add(h, entry);
            h = add(h, f.length() + " " + f.lastModified());
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** The number of jars and folders on this JVM's classpath, for {@code daemon status}. */
    static int classpathEntries() {
        return System.getProperty("java.class.path").split(File.pathSeparator).length;
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
