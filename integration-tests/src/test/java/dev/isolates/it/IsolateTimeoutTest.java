package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.IsolateOptions;
import dev.isolates.IsolateTimeoutException;
import dev.isolates.Isolates;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A computation that runs past its timeout fails its call, and its isolate is killed. */
@ExtendWith(NoChildProcessLeftBehind.class)
class IsolateTimeoutTest {

    @Test
    void shouldKillIsolateAndFailWithTimeoutException() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        IsolateOptions options = IsolateOptions.builder().timeout(timeout).build();

        ExecutionException e = assertThrows(ExecutionException.class, () -> Isolates.run(() -> {
            Thread.sleep(60_000);
            return "woke up";
        }, options).get(60, SECONDS));

        IsolateTimeoutException timedOut = assertInstanceOf(IsolateTimeoutException.class, e.getCause());
        assertEquals(timeout, timedOut.timeout());
        assertTrue(timedOut.pid() > 0, "pid " + timedOut.pid());
        assertTrue(timedOut.getMessage().contains("pid " + timedOut.pid()), timedOut.getMessage());
        assertTrue(Processes.awaitHandleNotAlive(timedOut.pid(), Duration.ofSeconds(10)),
                "the timed-out isolate (pid " + timedOut.pid() + ") must be killed");
    }
}
