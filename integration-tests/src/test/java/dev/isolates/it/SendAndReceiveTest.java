package dev.isolates.it;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateExit;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.SendPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A port of Dart's {@code send_and_receive.dart}: the main isolate spawns a worker, which sends back
 * its own send port; then they exchange messages both ways until the main isolate says stop.
 */
@ExtendWith(NoChildProcessLeftBehind.class)
class SendAndReceiveTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldExchangeMessagesBothWaysThroughPorts() throws Exception {
        try (ReceivePort fromWorker = new ReceivePort("from-worker")) {
            Isolate worker = Isolates.spawn((SendPort toMain) -> {
                ReceivePort requests = new ReceivePort("requests");
                toMain.send(requests.sendPort());
                requests.listen(message -> {
                    if ("stop".equals(message)) {
                        requests.close(); // the isolate ends: no open port is left
                        return;
                    }
                    toMain.send("echo " + message + " from " + ProcessHandle.current().pid());
                });
            }, fromWorker.sendPort()).get(60, SECONDS);

            SendPort toWorker = (SendPort) fromWorker.receive(WAIT);
            List<Object> replies = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                toWorker.send("m" + i);
            }
            for (int i = 0; i < 100; i++) {
                replies.add(fromWorker.receive(WAIT));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("echo m" + i + " from " + worker.pid(), replies.get(i), "in send order");
            }
            assertEquals(InProcessMode.on(), ProcessHandle.current().pid() == worker.pid(), "an isolate has a JVM of its own, but in-process");

            toWorker.send("stop");
            IsolateExit exit = worker.onExit().get(60, SECONDS);
            assertEquals("completed", exit.reason());
            assertEquals(0, exit.exitCode());
            assertTrue(!worker.isAlive());
        }
    }
}
