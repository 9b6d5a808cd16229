package dev.isolates.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Prints the classpath a program embedding the library needs: the jars in the folder the launcher
 * script names with {@value #LIBRARY_PROPERTY} (the library's runtime jars, none of the command
 * line's), else this JVM's own classpath.
 */
@Command(name = "classpath",
        description = "Prints the classpath (jars) a program that embeds the library needs.",
        mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  java $(isolatectl jvm-options) -cp \"$(isolatectl classpath):app.jar\" App"})
final class ClasspathCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final String LIBRARY_PROPERTY = "isolatectl.library";

    @Override
    public Integer call() throws IOException {
        String library = System.getProperty(LIBRARY_PROPERTY);
        if (library == null) {
            spec.commandLine().getOut().println(System.getProperty("java.class.path"));
            return 0;
        }
        try (Stream<Path> jars = Files.list(Path.of(library))) {
            spec.commandLine().getOut().println(jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted()
                    .map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        return 0;
    }
}
