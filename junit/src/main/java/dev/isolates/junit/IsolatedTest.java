package dev.isolates.junit;

import dev.isolates.IsolateCallable;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * One test to run in an isolate, by name: a new instance of its class, its {@code @BeforeEach}
 * methods, the test with its arguments, and its {@code @AfterEach} methods whatever happened.
 *
 * @param testClass      the test class's binary name
 * @param method         the test method's name
 * @param parameterTypes the binary names of its parameter types
 * @param arguments      its arguments, sent to the isolate
 */
record IsolatedTest(String testClass, String method, List<String> parameterTypes, List<Object> arguments)
        implements IsolateCallable<Boolean> {

    @Override
    public Boolean call() throws Exception {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(testClass, true, loader);
        Class<?>[] parameters = new Class<?>[parameterTypes.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = ReflectionSupport.tryToLoadClass(parameterTypes.get(i), loader).get();
        }
        Method test = ReflectionSupport.findMethod(type, method, parameters).orElseThrow(() -> new IllegalStateException(
                "no method " + method + parameterTypes + " in " + testClass + " in the isolate"));
        Object instance = ReflectionSupport.newInstance(type);
        Throwable failure = null;
        try {
            for (Method before : AnnotationSupport.findAnnotatedMethods(type, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN)) {
                ReflectionSupport.invokeMethod(before, instance);
            }
            ReflectionSupport.invokeMethod(test, instance, arguments.toArray());
        } catch (Throwable t) {
            failure = t;
        }
        for (Method after : AnnotationSupport.findAnnotatedMethods(type, AfterEach.class, HierarchyTraversalMode.BOTTOM_UP)) {
            try {
                ReflectionSupport.invokeMethod(after, instance);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return Boolean.TRUE;
    }
}
