package dev.isolates.supervisor;

import dev.isolates.protocol.DenyList;
import com.esotericsoftware.kryo.Kryo;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.ProtocolRegistrations;

/** The codec both ends of every channel use, so their Kryo registrations always agree. */
public final class SupervisorCodec {
    private SupervisorCodec() {
    }

    /** A new codec with the supervisor's registrations and deny-list. */
    public static KryoCodec create() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = SupervisorCodec.class.getClassLoader();
        }
        DenyList denied = DenyList.standard()
                .with(dev.isolates.ReceivePort.class, "a receive port stays in the isolate that opened it; send its sendPort()")
                .with(dev.isolates.Isolate.class, "an Isolate handle belongs to the isolate that holds it; send a SendPort")
                .with(PortInbox.class, "a receive port stays in the isolate that opened it; send its sendPort()");
        return KryoCodec.create(denied, loader, SupervisorCodec::register);
    }

    /** The supervisor's own types, with ids from {@link ProtocolRegistrations#FIRST_SUPERVISOR_ID} on. */
    private static void register(Kryo kryo) {
        int id = ProtocolRegistrations.FIRST_SUPERVISOR_ID;
        kryo.register(dev.isolates.TransferableBuffer.class, new TransferableBufferSerializer(), id);
        kryo.register(PortAddress.class, id + 1);
        kryo.register(StartRequest.class, id + 2);
        kryo.register(ControlRequest.class, id + 3);
        kryo.register(ControlOp.class, id + 4);
        kryo.register(SpawnSpec.class, id + 5);
        kryo.register(SpawnedInfo.class, id + 6);
        kryo.register(dev.isolates.IsolateExit.class, id + 7);
        kryo.register(dev.isolates.IsolateError.class, id + 8);
    }
}
