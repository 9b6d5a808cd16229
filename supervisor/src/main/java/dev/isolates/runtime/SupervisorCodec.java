package dev.isolates.runtime;

import com.esotericsoftware.kryo.Kryo;
import dev.isolates.protocol.DenyList;
import dev.isolates.protocol.KryoCodec;
import dev.isolates.protocol.ProtocolRegistrations;

/** The codec both ends of every channel use, so their Kryo registrations always agree. */
public final class SupervisorCodec {
    private SupervisorCodec() {
    }

    /** A new codec with the supervisor's registrations and deny-list. */
    public static KryoCodec create() {
        return KryoCodec.create(denied(), loader(), SupervisorCodec::register);
    }

    /** The codec for an untrusted isolate's messages: only allow-listed classes are decoded. */
    public static KryoCodec createUntrusted() {
        return KryoCodec.createUntrusted(denied(), loader(), SupervisorCodec::register);
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : SupervisorCodec.class.getClassLoader();
    }

    private static DenyList denied() {
        return DenyList.standard()
                .with(dev.isolates.ReceivePort.class, "a receive port stays in the isolate that opened it; send its sendPort()")
                .with(dev.isolates.Isolate.class, "an Isolate handle belongs to the isolate that holds it; send a SendPort")
                .with(PortInbox.class, "a receive port stays in the isolate that opened it; send its sendPort()");
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
