package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.isolates.IsolateCallable;
import dev.isolates.Isolates;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an isolate's JVM sets up before it runs anything: quiet logging in code, no native POSIX binding. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolateJvmSetupTest {

    @Test
    void shouldConfigureLoggingInCodeAndSkipChroniclesNativeBinding() throws Exception {
        IsolateCallable<List<String>> look = () -> {
            ch.qos.logback.classic.LoggerContext context =
                    (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            return List.of(root.getLevel().toString(),
                    root.getAppender("STDERR").getClass().getSimpleName(),
                    net.openhft.posix.PosixAPI.posix().getClass().getSimpleName());
        };

        List<String> seen = Isolates.run(look).get(60, SECONDS);

        assertEquals(List.of("WARN", "ConsoleAppender", "NoOpPosixAPI"), seen);
    }
}
