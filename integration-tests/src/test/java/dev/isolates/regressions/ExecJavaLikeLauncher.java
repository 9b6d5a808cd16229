package dev.isolates.regressions;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts a program the way {@code mvn exec:java} does: this JVM's {@code java.class.path} holds
 * only this launcher, and the program and the library load through a {@link URLClassLoader} of
 * their own, set as the main thread's context class loader.
 *
 * <p>Arguments: the program's classpath (entries separated as on the command line), its main
 * class, then its arguments.
 */
public final class ExecJavaLikeLauncher {
    private ExecJavaLikeLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toAbsolutePath().toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Class<?> main = Class.forName(args[1], true, loader);
            main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        }
    }
}
