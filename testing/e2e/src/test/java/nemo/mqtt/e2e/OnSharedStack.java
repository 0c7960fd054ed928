package nemo.mqtt.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs on the run's one {@link SharedStack}: its methods take the {@link SharedStack}
 * or its {@link nemo.mqtt.testing.LocalStack} as a parameter. Such a class says with {@code @Order}
 * when it runs: before {@link StackShutdownTest}, which stops the stack.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedStack.Resolver.class)
@interface OnSharedStack {}
