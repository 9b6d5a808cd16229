package dev.isolates.supervisor;

import dev.isolates.IsolateExit;
import dev.isolates.protocol.Inbound;

/** What an {@link IsolateProcess}'s reader thread reports. Called on that thread, one call at a time. */
interface IsolateListener {
    /** A message arrived. The listener decodes or releases it. */
    void onMessage(IsolateProcess isolate, Inbound message);

    /** The JVM is gone and every message it sent was delivered. */
    void onExit(IsolateProcess isolate, IsolateExit exit);
}
