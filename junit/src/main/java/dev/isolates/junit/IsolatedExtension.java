package dev.isolates.junit;

import dev.isolates.IsolateOptions;
import dev.isolates.Isolates;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link Isolated} does: runs the test in an isolate instead of the test JVM, and skips its
 * {@code @BeforeEach} and {@code @AfterEach} methods here, since they run there. Thread-safe: it
 * keeps no state.
 */
final class IsolatedExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runIsolated(invocation, invocationContext, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runIsolated(invocation, invocationContext, extensionContext);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation,
                                          ReflectiveInvocationContext<Method> invocationContext,
                                          ExtensionContext extensionContext) throws Throwable {
        skipIfIsolated(invocation, extensionContext);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
                                         ReflectiveInvocationContext<Method> invocationContext,
                                         ExtensionContext extensionContext) throws Throwable {
        skipIfIsolated(invocation, extensionContext);
    }

    private static void skipIfIsolated(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (settings(context).isPresent()) {
            invocation.skip(); // it runs in the test's isolate
        } else {
            invocation.proceed();
        }
    }

    private static void runIsolated(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        Optional<Isolated> settings = settings(context);
        if (settings.isEmpty()) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        Method method = call.getExecutable();
        IsolatedTest test = new IsolatedTest(call.getTargetClass().getName(), method.getName(),
                Arrays.stream(method.getParameterTypes()).map(Class::getName).toList(), new ArrayList<>(call.getArguments()));
        try {
            Isolates.run(test, options(settings.get(), call.getTargetClass().getSimpleName() + "." + method.getName()))
                    .get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    /** The {@link Isolated} of the test method, else of its class or an enclosing class. */
    private static Optional<Isolated> settings(ExtensionContext context) {
        Optional<Isolated> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, Isolated.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<Isolated> onClass = AnnotationSupport.findAnnotation(c, Isolated.class);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static IsolateOptions options(Isolated settings, String debugName) {
        IsolateOptions.Builder options = IsolateOptions.builder().debugName(debugName).jvmArgs(settings.jvmArgs());
        if (!settings.maxHeap().isEmpty()) {
            options.maxHeap(settings.maxHeap());
        }
        if (settings.timeout() > 0) {
            options.timeout(Duration.ofNanos(settings.timeoutUnit().toNanos(settings.timeout())));
        }
        return options.build();
    }
}
