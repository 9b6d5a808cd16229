package dev.isolates.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints the classpath a program embedding the library needs. */
@Command(name = "classpath",
        description = "Prints the classpath (jars) a program that embeds the library needs.",
        mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  java $(isolatectl jvm-options) -cp \"$(isolatectl classpath):app.jar\" App"})
final class ClasspathCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println(System.getProperty("java.class.path"));
        return 0;
    }
}
