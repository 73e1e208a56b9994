package io.reescreen.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one {@link EmbeddedStack} for the whole test run, started on first use and stopped
 * when the run ends, injected into test constructors, lifecycle methods and test methods.
 * <pre>{@code @ExtendWith(EmbeddedStackExtension.class)
 * class MyIT { @Test void test(EmbeddedStack stack) { ... } }}</pre>
 */
public final class EmbeddedStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    /** The run-wide stack, for extensions and helpers that cannot take it as a parameter. */
    public static EmbeddedStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(StackResource.class, key -> StackResource.start(), StackResource.class)
                .stack;
    }

    @SuppressWarnings("deprecation") // CloseableResource works on every JUnit 5 version the build may meet
    private static final class StackResource implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedStack stack;

        private StackResource(EmbeddedStack stack) {
            this.stack = stack;
        }

        static StackResource start() {
            try {
                return new StackResource(EmbeddedStack.start());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("embedded Kafka and registry failed to start", e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
