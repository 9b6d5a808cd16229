package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolateStartException;
import dev.isolates.Isolates;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JVM that cannot start fails the call with the command and what the JVM printed. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolateStartTest {

    @Test
    void shouldReportCommandAndJvmOutputWhenJvmOptionIsRejected() throws Exception {
        IsolateOptions options = IsolateOptions.builder().jvmArgs("-XX:+ThisFlagDoesNotExist").build();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Isolates.run(() -> "never runs", options).get(60, SECONDS));

        IsolateStartException start = assertInstanceOf(IsolateStartException.class, e.getCause());
        assertTrue(start.command().contains("-XX:+ThisFlagDoesNotExist"), String.join(" ", start.command()));
        assertTrue(start.output().contains("Unrecognized VM option"), start.output());
        assertTrue(start.getMessage().contains("Unrecognized VM option"), start.getMessage());
    }
}
