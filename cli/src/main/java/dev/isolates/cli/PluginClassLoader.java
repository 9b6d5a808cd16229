package dev.isolates.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * The class loader of a plugin whose classpath reached its isolate after the isolate's JVM started
 * (a prestarted isolate of the daemon): the copies of its jars and folders, in front of which the
 * JVM's own classpath comes, as it would on {@code -cp}. Thread-safe.
 */
final class PluginClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final int entries;

    private PluginClassLoader(URL[] urls, ClassLoader parent) {
        super("plugin", urls, parent);
        this.entries = urls.length;
    }

    /** A loader over {@code classpath}, absolute paths of jars and folders, under {@code parent}. */
    static PluginClassLoader of(List<String> classpath, ClassLoader parent) {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = Path.of(classpath.get(i)).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("classpath entry " + classpath.get(i) + " is no path: " + e, e);
            }
        }
        return new PluginClassLoader(urls, parent);
    }

    /** How many entries a class is looked for in: the JVM's classpath, then those of {@code loader} when it is one of these. */
    static int classpathEntries(ClassLoader loader) {
        int own = System.getProperty("java.class.path").split(File.pathSeparator).length;
        return loader instanceof PluginClassLoader plugin ? own + plugin.entries : own;
    }
}
