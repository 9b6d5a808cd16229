package dev.isolates.protocol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Makes the Unix domain socket a channel's doorbell rings over: the supervisor listens, the worker connects. */
public final class DoorbellSocket {
    private DoorbellSocket() {
    }

    /** Supervisor side: listens at {@code path}, non-blocking, so accepting can watch the worker process. */
    public static ServerSocketChannel listen(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        server.configureBlocking(false);
        return server;
    }

    /** Worker side: connects to the supervisor's socket at {@code path}. */
    public static SocketChannel connect(Path path) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }
}
