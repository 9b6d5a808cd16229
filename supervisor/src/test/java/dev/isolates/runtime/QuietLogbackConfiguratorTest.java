package dev.isolates.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import dev.isolates.launcher.JdkFlags;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuietLogbackConfiguratorTest {
    private String configFile;
    private String level;

    @BeforeEach
    void remember() {
        configFile = System.getProperty("logback.configurationFile");
        level = System.getProperty(QuietLogbackConfigurator.LEVEL_PROPERTY);
    }

    @AfterEach
    void restore() {
        set("logback.configurationFile", configFile);
        set(QuietLogbackConfigurator.LEVEL_PROPERTY, level);
    }

    @Test
    void shouldLogWarningsToStderrWhenTheJvmNamesTheLibrarysConfiguration() {
        set("logback.configurationFile", JdkFlags.LOGBACK_CONFIG);
        set(QuietLogbackConfigurator.LEVEL_PROPERTY, null);
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new QuietLogbackConfigurator().configure(context);

        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, status);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertTrue(stderr.isStarted());
        assertEquals(QuietLogbackConfigurator.PATTERN,
                assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder()).getPattern());
        assertEquals(Level.WARN, context.getLogger("net.openhft").getLevel());
        assertEquals(Level.WARN, context.getLogger("dev.isolates").getLevel());
    }

    @Test
    void shouldLogTheLibraryAtTheLevelItsPropertyNames() {
        set("logback.configurationFile", JdkFlags.LOGBACK_CONFIG);
        set(QuietLogbackConfigurator.LEVEL_PROPERTY, "DEBUG");
        LoggerContext context = new LoggerContext();

        new QuietLogbackConfigurator().configure(context);

        assertEquals(Level.DEBUG, context.getLogger("dev.isolates").getLevel());
        assertEquals(Level.WARN, context.getLogger("net.openhft").getLevel());
    }

    @Test
    void shouldLeaveAProgramsOwnConfigurationAlone() {
        set("logback.configurationFile", "my-app-logback.xml");
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new QuietLogbackConfigurator().configure(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, status);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertFalse(root.iteratorForAppenders().hasNext());
        assertNull(context.getLogger("dev.isolates").getLevel());

        set("logback.configurationFile", null);
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new QuietLogbackConfigurator().configure(new LoggerContext()));
    }

    @Test
    void shouldBeFoundByLogbackAsAService() {
        assertTrue(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .anyMatch(p -> p.type() == QuietLogbackConfigurator.class));
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
