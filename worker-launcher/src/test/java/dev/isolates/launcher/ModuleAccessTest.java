package dev.isolates.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ModuleAccessTest {
    private static final Path JAVA_25_HOME = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @Test
    void shouldFindNothingMissingInJvmStartedWithTheBuildsOptions() {
        assertEquals(List.of(), ModuleAccess.missingFor(ModuleAccess.class));
    }

    @Test
    void shouldCountAllUnnamedGrantsForTheUnnamedModuleOfAnyClassLoader() throws Exception {
        // --add-opens ...=ALL-UNNAMED opens to every unnamed module, a fresh loader's included.
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classesOf(ModuleAccessProbe.class).toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> probe = Class.forName(ModuleAccessProbe.class.getName(), false, fresh);
            assertTrue(probe.getModule() != ModuleAccessProbe.class.getModule(), "a module of its own");
            assertEquals(List.of(), ModuleAccess.missingFor(probe));
        }
    }

    @Test
    void shouldNameEveryOptionANamedModuleWasNotGranted() {
        // ALL-UNNAMED grants do not reach a named module: this JVM's flags do nothing for it.
        Module named = namedModuleInALayerOfItsOwn("dev.isolates.probe");
        assertEquals(reportable(JdkFlags.moduleFlags(Runtime.version().feature())), ModuleAccess.missing(named));
    }

    /** The flags ModuleAccess can find missing: no API tells whether --sun-misc-unsafe-memory-access is set. */
    private static List<String> reportable(List<String> flags) {
        List<String> told = new ArrayList<>();
        for (String flag : flags) {
            if (!flag.startsWith("--sun-misc-unsafe-memory-access=")) {
                told.add(flag);
            }
        }
        return told;
    }

    @Test
    void shouldNameEveryOptionInJvmStartedWithoutThem() throws Exception {
        Path java = javaIn(Path.of(System.getProperty("java.home")));
        assertEquals(reportable(JdkFlags.moduleFlags(Runtime.version().feature())), missingInChild(java, List.of()));
    }

    @Test
    void shouldNameOnlyTheOptionsNotGiven() throws Exception {
        Path java = javaIn(Path.of(System.getProperty("java.home")));
        List<String> all = JdkFlags.moduleFlags(Runtime.version().feature());
        List<String> given = all.subList(0, 2);
        assertEquals(reportable(all.subList(2, all.size())), missingInChild(java, given));
    }

    @Test
    void shouldFindNothingMissingInJvmGivenAllOptions() throws Exception {
        Path java = javaIn(Path.of(System.getProperty("java.home")));
        assertEquals(List.of(), missingInChild(java, JdkFlags.moduleFlags(Runtime.version().feature())));
    }

    @Test
    void shouldNameNativeAccessOnJava25WhenOnlyOpensAndExportsAreGiven() throws Exception {
        Path java = java25();
        List<String> opensAndExports = JdkFlags.moduleFlags(17);
        assertEquals(List.of("--enable-native-access=ALL-UNNAMED"), missingInChild(java, opensAndExports));
    }

    @Test
    void shouldNameEveryCheckableOptionOnJava25WithoutThem() throws Exception {
        Path java = java25();
        List<String> expected = new ArrayList<>(JdkFlags.moduleFlags(17));
        expected.add("--enable-native-access=ALL-UNNAMED");
        // --sun-misc-unsafe-memory-access only changes a warning, and no API tells whether it is set.
        assertEquals(expected, missingInChild(java, List.of()));
    }

    @Test
    void shouldFindNothingMissingOnJava25GivenAllItsOptions() throws Exception {
        Path java = java25();
        assertEquals(List.of(), missingInChild(java, JdkFlags.moduleFlags(25)));
    }

    /** The Java 25 JDK's java; the test is skipped when there is none. */
    private static Path java25() {
        Path java = javaIn(JAVA_25_HOME);
        Assumptions.assumeTrue(Files.isExecutable(java), "no Java 25 JDK at " + JAVA_25_HOME
                + ": the native access check (Java 22 and later) is not tried");
        return java;
    }

    private static Path javaIn(Path home) {
        return home.resolve("bin").resolve("java");
    }

    /** Runs {@link ModuleAccessProbe} in a plain JVM given only {@code flags}; the flags it reports missing. */
    private static List<String> missingInChild(Path java, List<String> flags) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classesOf(ModuleAccess.class) + File.pathSeparator + classesOf(ModuleAccessProbe.class));
        cmd.add(ModuleAccessProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not end: " + output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("feature: "), output);
            List<String> missing = new ArrayList<>();
            for (String line : output.split("\\R")) {
                if (line.startsWith(ModuleAccessProbe.PREFIX)) {
                    missing.add(line.substring(ModuleAccessProbe.PREFIX.length()));
                }
            }
            return missing;
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path classesOf(Class<?> c) {
        return SupervisorClasspath.location(c);
    }

    /** A named module with no packages, resolved in a layer of its own over the boot layer. */
    private static Module namedModuleInALayerOfItsOwn(String name) {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule(name).build();
        ModuleReference reference = new ModuleReference(descriptor, URI.create("probe:" + name)) {
            @Override
            public ModuleReader open() {
                return new ModuleReader() {
                    @Override
                    public Optional<URI> find(String resource) {
                        return Optional.empty();
                    }

                    @Override
                    public Stream<String> list() {
                        return Stream.empty();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String moduleName) {
                return moduleName.equals(name) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        ModuleLayer boot = ModuleLayer.boot();
        Configuration config = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(name));
        ModuleLayer layer = boot.defineModulesWithOneLoader(config, ClassLoader.getPlatformClassLoader());
        return layer.findModule(name).orElseThrow();
    }
}
