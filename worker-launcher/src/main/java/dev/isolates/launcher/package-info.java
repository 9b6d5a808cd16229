/**
 * Launching, on the supervisor side: a worker JVM's command line (JDK-specific flags, classpath,
 * class-data archives and AOT caches, limits), starting it, and capturing its output and crash reports.
 */
package dev.isolates.launcher;
