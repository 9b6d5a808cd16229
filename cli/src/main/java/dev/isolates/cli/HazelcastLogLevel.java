package dev.isolates.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of Hazelcast's own logging reaches isolatectl's stderr. Its start-up warnings (the
 * Java module flags it would like) and its stack traces for failures the command already states
 * in one line are no use to a person there; {@code --verbose} keeps them.
 */
final class HazelcastLogLevel {
    private static final String HAZELCAST = "com.hazelcast";

    private HazelcastLogLevel() {
    }

    /** Nothing from Hazelcast, unless {@code verbose}. */
    static void silent(boolean verbose) {
        set(verbose ? Level.WARN : Level.OFF);
    }

    /** Hazelcast's warnings and errors: a running member's news of lost members and connections. */
    static void warnings() {
        set(Level.WARN);
    }

    private static void set(Level level) {
        if (LoggerFactory.getLogger(HAZELCAST) instanceof Logger logger) {
            logger.setLevel(level);
        }
    }
}
