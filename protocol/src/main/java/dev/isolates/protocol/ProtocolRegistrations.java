package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;

/**
 * The one table of Kryo registration ids for the protocol's own types. Both ends build their Kryo
 * from it, so ids always match. Kryo itself takes 0 to 8; the protocol uses 20 to 59; the supervisor
 * registers its types from 60 on ({@link #FIRST_SUPERVISOR_ID}).
 */
public final class ProtocolRegistrations {
    /** The first id the supervisor module may use for its own types. */
    public static final int FIRST_SUPERVISOR_ID = 60;

    private ProtocolRegistrations() {
    }

    static void register(Kryo kryo) {
        kryo.register(ClosureSerializer.Closure.class, new ClosureSerializer(), 20);
        kryo.register(java.util.UUID.class, new DefaultSerializers.UUIDSerializer(), 21);
        kryo.register(StackTraceElement.class, new StackTraceElementSerializer(), 22);
        kryo.register(RemoteFailure.class, 23);
        kryo.register(RemoteFailure[].class, 24);
        kryo.register(StackTraceElement[].class, 25);
        kryo.register(ArenaHandle.class, 26);
        kryo.register(UnsendableReport.class, 27);
        kryo.register(ExitNotice.class, 28);
        kryo.register(java.util.ArrayList.class, 29);
        kryo.register(java.util.HashMap.class, 30);
        kryo.register(byte[].class, 31);
        kryo.register(Object[].class, 32);
        kryo.register(String[].class, 33);
        kryo.register(int[].class, 34);
        kryo.register(long[].class, 35);
        kryo.register(double[].class, 36);
        UnmodifiableSerializers.register(kryo);
    }
}
