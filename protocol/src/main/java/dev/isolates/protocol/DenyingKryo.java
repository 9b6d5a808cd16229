package dev.isolates.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;

/**
 * A Kryo that refuses denied types. Every write path (class writes, field serializers, collection
 * elements) asks {@link #getRegistration(Class)}, so one check here covers the whole graph.
 */
final class DenyingKryo extends Kryo {
    private final DenyList denyList;

    DenyingKryo(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Registration getRegistration(Class type) {
        if (type != null) {
            String reason = denyList.reason(type);
            if (reason != null) {
                throw new DeniedTypeException(type, reason);
            }
        }
        return super.getRegistration(type);
    }

    /** Raised inside Kryo; the codec turns it into an {@link UnsendableObjectException} with a path. */
    static final class DeniedTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Class<?> type;
        private final String reason;

        DeniedTypeException(Class<?> type, String reason) {
            super(type.getName() + ": " + reason, null, false, false);
            this.type = type;
            this.reason = reason;
        }

        Class<?> type() {
            return type;
        }

        String reason() {
            return reason;
        }
    }
}
