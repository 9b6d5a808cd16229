package dev.isolates.protocol;

import com.esotericsoftware.kryo.util.DefaultClassResolver;

/** Resolves class names read from an untrusted peer only when the {@link AllowList} allows them. */
final class AllowListClassResolver extends DefaultClassResolver {
    @Override
    protected Class<?> getTypeByName(String className) {
        if (!AllowList.allows(className)) {
            throw new UntrustedClassException(className);
        }
        return super.getTypeByName(className);
    }
}
