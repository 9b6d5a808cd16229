package dev.isolates.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the JVM options a program embedding the library needs, for the JDK running now. */
@Command(name = "jvm-options",
        description = {"Prints the JVM options a program that embeds the library needs.",
                "For the JDK running now: the module opens Chronicle Queue and Kryo need,",
                "and the properties that keep Chronicle from reporting usage and logging quiet."},
        mixinStandardHelpOptions = true,
        footer = {"", "Example:", "  java $(isolatectl jvm-options) -cp \"$(isolatectl classpath):app.jar\" App"})
final class JvmOptionsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(IsolateCtl.jvmOptions());
        return 0;
    }
}
