/**
 * The library's JDK Flight Recorder events, named {@code dev.isolates.*}: an isolate started and
 * ended, a pool's task run, a buffer transferred, a pool's restart intensity exceeded. Like the
 * JDK's own events they cost next to nothing until a recording enables them, for example
 * {@code java -XX:StartFlightRecording:filename=rec.jfr ...} and then
 * {@code jfr print --events 'dev.isolates.*' rec.jfr}. Users never import this package: they read
 * the events by name.
 */
package dev.isolates.events;
