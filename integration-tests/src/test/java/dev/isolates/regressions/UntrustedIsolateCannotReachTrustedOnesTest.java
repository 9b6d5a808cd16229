package dev.isolates.regressions;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.isolates.Isolate;
import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import dev.isolates.ReceivePort;
import dev.isolates.Sandbox;
import dev.isolates.SendPort;
import dev.isolates.launcher.Bubblewrap;
import dev.isolates.runtime.PortAddress;
import dev.isolates.worker.HostileControl;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * An untrusted isolate that names a trusted isolate by number can neither kill it nor send to its
 * ports: a trusted isolate would decode the message without the allow-list.
 */
class UntrustedIsolateCannotReachTrustedOnesTest {
    private static final IsolateOptions PLUGIN = IsolateOptions.builder().untrusted(true)
            .timeout(Duration.ofSeconds(60)).build();

    /** A trusted isolate that tells {@code toMain} its port, then passes on all it receives there. */
    private static Isolate trustedRelay(ReceivePort fromTrusted) throws Exception {
        return Isolates.spawn((SendPort toMain) -> {
            ReceivePort in = new ReceivePort("trusted");
            toMain.send(in.sendPort());
            while (true) {
                toMain.send(in.receive());
            }
        }, fromTrusted.sendPort()).get(60, SECONDS);
    }

    @Test
    void shouldRefuseToKillATrustedIsolateForAnUntrustedOne() throws Exception {
        try (ReceivePort fromTrusted = new ReceivePort("from trusted")) {
            Isolate trusted = trustedRelay(fromTrusted);
            try {
                PortAddress port = (PortAddress) fromTrusted.receive(Duration.ofSeconds(60));
                int id = port.isolate();

                String answer = Isolates.run(() -> HostileControl.killAndPing(id), PLUGIN).get(90, SECONDS);

                assertTrue(answer.startsWith("ping refused: ") && answer.contains("may control only itself"), answer);
                port.send("still alive");
                assertEquals("still alive", fromTrusted.receive(Duration.ofSeconds(30)));
                assertTrue(trusted.isAlive());
            } finally {
                trusted.kill();
                trusted.onExit().get(30, SECONDS);
            }
        }
    }

    @Test
    void shouldMakeWhatAnUntrustedIsolateSpawnsUntrustedAndSandboxedLikeIt() throws Exception {
        IsolateOptions sandboxedPlugin = PLUGIN.toBuilder().sandbox(Sandbox.strict()).build();
        org.junit.jupiter.api.Assumptions.assumeTrue(Bubblewrap.find().usable(), "needs bubblewrap");

        String child = Isolates.run(() -> {
            try (ReceivePort answer = new ReceivePort("child's answer")) {
                Isolates.spawn((SendPort to) -> to.send(ProcessHandle.current().pid() + " "
                        + java.nio.file.Files.exists(java.nio.file.Path.of("/etc/shadow"))),
                        answer.sendPort(), IsolateOptions.defaults()).get(60, SECONDS);
                return (String) answer.receive(Duration.ofSeconds(60));
            }
        }, sandboxedPlugin).get(120, SECONDS);

        assertEquals("1 false", child, "the child of a sandboxed plugin is in a sandbox of its own");
    }

    @Test
    void shouldDropAMessageFromAnUntrustedIsolateToATrustedOnesPort() throws Exception {
        try (ReceivePort fromTrusted = new ReceivePort("from trusted")) {
            Isolate trusted = trustedRelay(fromTrusted);
            try {
                PortAddress port = (PortAddress) fromTrusted.receive(Duration.ofSeconds(60));
                int isolate = port.isolate();
                long portId = port.port();

                Isolates.run(() -> {
                    new PortAddress(isolate, portId).send("forged");
                    return "sent";
                }, PLUGIN).get(90, SECONDS);
                port.send("from main");

                assertEquals("from main", fromTrusted.receive(Duration.ofSeconds(30)), "the forged message arrived first");
                assertThrows(TimeoutException.class, () -> fromTrusted.receive(Duration.ofSeconds(2)));
            } finally {
                trusted.kill();
                trusted.onExit().get(30, SECONDS);
            }
        }
    }
}
