package dev.isolates.cli;

/** A command that reads and writes through the {@link Console} it is given, never {@code System.in/out/err}. */
interface UsesConsole {
    /** Called once, before the command runs. */
    void use(Console console);
}
