package dev.isolates.supervisor;

import dev.isolates.protocol.DenyList;
import dev.isolates.protocol.KryoCodec;

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
        return KryoCodec.create(DenyList.standard(), loader, kryo -> { });
    }
}
