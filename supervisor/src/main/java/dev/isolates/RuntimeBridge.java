package dev.isolates;

import dev.isolates.runtime.ApiBridge;
import dev.isolates.runtime.IsolateHandle;
import dev.isolates.runtime.TransferBacking;

/** The API's side of {@link ApiBridge}: the package-private constructors and state it opens to the runtime. */
final class RuntimeBridge extends ApiBridge {
    @Override
    protected Isolate newIsolate(IsolateHandle handle) {
        return new Isolate(handle);
    }

    @Override
    protected TransferableBuffer newBuffer(TransferBacking backing) {
        return new TransferableBuffer(backing);
    }

    @Override
    protected TransferBacking backingOf(TransferableBuffer buffer) {
        return buffer.backing();
    }
}
