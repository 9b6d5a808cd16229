package dev.isolates.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import dev.isolates.launcher.JdkFlags;

/**
 * The quiet logging of isolates and {@code isolatectl}, set up in code: warnings and errors only,
 * on stderr; {@code dev.isolates} at the level the {@code isolates.log.level} property names
 * ({@code isolatectl --verbose} sets {@code DEBUG}). It acts only in a JVM started with
 * {@code -Dlogback.configurationFile=}{@value JdkFlags#LOGBACK_CONFIG}, as every isolate is, and
 * sets up what that file says without parsing it (which cost each isolate about 70 ms of its
 * start); the file stays for a Logback that cannot see this class. Any other JVM, a program that
 * embeds the library included, keeps its own Logback configuration.
 *
 * <p>Found by Logback through {@code META-INF/services}; runs once, when Logback starts.
 */
public final class QuietLogbackConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    static final String LEVEL_PROPERTY = "isolates.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!JdkFlags.LOGBACK_CONFIG.equals(System.getProperty("logback.configurationFile"))) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("net.openhft").setLevel(Level.WARN);
        context.getLogger("dev.isolates").setLevel(Level.toLevel(System.getProperty(LEVEL_PROPERTY), Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
