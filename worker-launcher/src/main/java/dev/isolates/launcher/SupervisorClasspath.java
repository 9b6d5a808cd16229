package dev.isolates.launcher;

import dev.isolates.bootstrap.WorkerMain;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath isolates start with: the supervisor's {@code java.class.path} when it holds the
 * library, else the one the library and the caller's classes were really loaded from. Under
 * {@code mvn exec:java}, say, {@code java.class.path} is Maven's own boot classpath, and the
 * program and the library come from a {@link URLClassLoader} of the plugin's; a worker started
 * with Maven's classpath cannot even find {@link WorkerMain}.
 *
 * @param entries the entries, in order
 * @param problem why no classpath holding the library was found, saying what to do; null when one was
 */
public record SupervisorClasspath(List<String> entries, String problem) {
    public SupervisorClasspath {
        entries = List.copyOf(entries);
    }

    private static final class Holder {
        static final SupervisorClasspath INSTANCE = find(System.getProperty("java.class.path"), WorkerMain.class,
                Thread.currentThread().getContextClassLoader());
    }

    /** This JVM's, found on first use. */
    public static SupervisorClasspath current() {
        return Holder.INSTANCE;
    }

    /** The entries joined as on a command line. */
    public String joined() {
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Finds the classpath that holds {@code library}: {@code javaClassPath} if it does (or the
     * application class loader, which reads it, loaded the library), else the
     * URLs of {@code library}'s class loader and of {@code context}, then {@code javaClassPath}.
     */
    static SupervisorClasspath find(String javaClassPath, Class<?> library, ClassLoader context) {
        List<String> declared = new ArrayList<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                declared.add(entry);
            }
        }
        Path home = location(library);
        // The application class loader reads java.class.path, the manifest Class-Path of its jars included.
        boolean fromClassPath = library.getClassLoader() == ClassLoader.getSystemClassLoader();
        if (home == null || fromClassPath || holds(declared, home)) {
            return new SupervisorClasspath(declared, null);
        }
        Set<String> found = new LinkedHashSet<>();
        addUrls(found, library.getClassLoader());
        addUrls(found, context);
        found.addAll(declared);
        List<String> entries = new ArrayList<>(found);
        if (holds(entries, home)) {
            return new SupervisorClasspath(entries, null);
        }
        return new SupervisorClasspath(declared, "isolates start with the classpath this JVM's classes came from, but "
                + "java.class.path (" + javaClassPath + ") does not hold the library (" + library.getName()
                + " came from " + home + ", through " + library.getClassLoader() + ", a class loader that does not "
                + "list its classpath). Start the program with the library and your classes on java's -cp: "
                + "java $(isolatectl jvm-options) -cp ... App; from Maven, mvn exec:exec (not exec:java) with "
                + "<executable>java</executable> and the arguments -classpath %classpath.");
    }

    /**
     * The file URLs of {@code loader} itself: not its parents', which under {@code exec:java} are
     * Maven's own jars.
     */
    private static void addUrls(Set<String> found, ClassLoader loader) {
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                Path p = path(url);
                if (p != null) {
                    found.add(p.toString());
                }
            }
        }
    }

    private static boolean holds(List<String> entries, Path home) {
        for (String e : entries) {
            if (Path.of(e).toAbsolutePath().normalize().equals(home)) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code c} was loaded from, a jar or a folder; null when the JVM does not say. */
    static Path location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : path(source.getLocation());
    }

    private static Path path(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
