/**
 * A JUnit 5 extension for the isolates library: {@link dev.isolates.junit.Isolated} runs a test,
 * or each test of a class, in its own isolate.
 */
package dev.isolates.junit;
