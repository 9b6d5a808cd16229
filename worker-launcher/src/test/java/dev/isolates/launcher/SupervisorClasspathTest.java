package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.bootstrap.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisorClasspathTest {
    /** This module's compiled classes, a folder of the build. */
    private static final Path LIBRARY = SupervisorClasspath.location(WorkerMain.class);
    /** A real jar of the build's classpath, standing for one of the library's dependencies. */
    private static final Path DEPENDENCY = SupervisorClasspath.location(Test.class);
    /** The test classes folder, standing for the caller's own classes. */
    private static final Path APP = SupervisorClasspath.location(SupervisorClasspathTest.class);
    /** What java.class.path holds under mvn exec:java: Maven's boot classpath, not the library. */
    private static final String MAVEN_BOOT = "/usr/share/maven/boot/plexus-classworlds-2.6.0.jar";

    @Test
    void shouldUseJavaClassPathAsIsWhenItHoldsTheLibrary() throws Exception {
        String javaClassPath = join(DEPENDENCY, LIBRARY, APP);
        try (URLClassLoader other = loaderOf(LIBRARY)) {
            Class<?> library = Class.forName(WorkerMain.class.getName(), false, other);
            SupervisorClasspath classpath = SupervisorClasspath.find(javaClassPath, library, null);
            assertNull(classpath.problem());
            assertEquals(List.of(DEPENDENCY.toString(), LIBRARY.toString(), APP.toString()), classpath.entries());
            assertEquals(javaClassPath, classpath.joined());
        }
    }

    @Test
    void shouldUseJavaClassPathAsIsWhenTheApplicationClassLoaderLoadedTheLibrary() {
        // A jar's manifest Class-Path, say, puts the library there without naming it in java.class.path.
        assertTrue(WorkerMain.class.getClassLoader() == ClassLoader.getSystemClassLoader());
        SupervisorClasspath classpath = SupervisorClasspath.find(APP.toString(), WorkerMain.class, null);
        assertNull(classpath.problem());
        assertEquals(List.of(APP.toString()), classpath.entries());
    }

    @Test
    void shouldPutTheLibraryLoadersUrlsFirstWhenJavaClassPathLacksTheLibrary() throws Exception {
        // mvn exec:java: the plugin's URLClassLoader loaded the library, the program and its dependencies.
        try (URLClassLoader plugin = loaderOf(LIBRARY, DEPENDENCY);
                URLClassLoader context = loaderOf(APP, LIBRARY)) {
            Class<?> library = Class.forName(WorkerMain.class.getName(), false, plugin);
            assertNotSame(WorkerMain.class, library);
            SupervisorClasspath classpath = SupervisorClasspath.find(MAVEN_BOOT, library, context);
            assertNull(classpath.problem());
            assertEquals(List.of(LIBRARY.toString(), DEPENDENCY.toString(), APP.toString(), MAVEN_BOOT),
                    classpath.entries());
        }
    }

    @Test
    void shouldFindTheLibraryThroughTheContextClassLoaderWhenItsOwnLoaderListsNothing() throws Exception {
        try (URLClassLoader context = loaderOf(APP, LIBRARY)) {
            Class<?> library = new SourcelessLoader(LIBRARY).define(WorkerMain.class.getName());
            SupervisorClasspath classpath = SupervisorClasspath.find(MAVEN_BOOT, library, context);
            assertNull(classpath.problem());
            assertEquals(List.of(APP.toString(), LIBRARY.toString(), MAVEN_BOOT), classpath.entries());
        }
    }

    @Test
    void shouldSayWhatToDoWhenNoClasspathHoldsTheLibrary() throws Exception {
        try (URLClassLoader context = loaderOf(APP)) {
            Class<?> library = new SourcelessLoader(LIBRARY).define(WorkerMain.class.getName());
            SupervisorClasspath classpath = SupervisorClasspath.find(MAVEN_BOOT, library, context);
            String problem = classpath.problem();
            assertTrue(problem != null, "no problem reported for " + classpath.entries());
            assertEquals(List.of(MAVEN_BOOT), classpath.entries());
            assertTrue(problem.contains(MAVEN_BOOT), problem);
            assertTrue(problem.contains(WorkerMain.class.getName() + " came from " + LIBRARY), problem);
            assertTrue(problem.contains("-cp"), problem);
            assertTrue(problem.contains("mvn exec:exec (not exec:java)"), problem);
            assertTrue(problem.contains("-classpath %classpath"), problem);
        }
    }

    private static URLClassLoader loaderOf(Path... entries) throws IOException {
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = entries[i].toUri().toURL();
        }
        // The platform loader as parent, so the classes are this loader's own, not the test's.
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static String join(Path... entries) {
        StringBuilder joined = new StringBuilder();
        for (Path p : entries) {
            joined.append(joined.length() == 0 ? "" : File.pathSeparator).append(p);
        }
        return joined.toString();
    }

    /**
     * A class loader that defines classes read from a folder, with that folder as their code
     * source, but does not list where it reads from (not a {@link URLClassLoader}), as some
     * launchers' loaders do.
     */
    private static final class SourcelessLoader extends ClassLoader {
        private final Path folder;

        SourcelessLoader(Path folder) {
            super(ClassLoader.getPlatformClassLoader());
            this.folder = folder;
        }

        Class<?> define(String name) throws IOException {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(folder.resolve(name.replace('.', '/') + ".class"))) {
                bytes = in.readAllBytes();
            }
            CodeSource source = new CodeSource(folder.toUri().toURL(), (Certificate[]) null);
            return defineClass(name, bytes, 0, bytes.length, new ProtectionDomain(source, null, this, null));
        }
    }
}
