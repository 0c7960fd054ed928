package nemo.mqtt.emitter;

import static io.quarkus.test.common.TestResourceScope.MATCHING_RESOURCES;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.WithTestResource;

import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisTestResource;

/**
 * The emitter with its poller on the NEMO-shaped server ({@link FakeNemo}), on the JVM's shared
 * PostgreSQL and Redis. The poller test classes that carry it share one running application and
 * one FakeNemo, whose rows add up over the group: each class uses NEMO ids of its own and sets
 * back what it breaks ({@code failWith}, {@code acceptedToken}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = PostgresTestResource.class, scope = MATCHING_RESOURCES)
@WithTestResource(value = RedisTestResource.class, scope = MATCHING_RESOURCES)
@WithTestResource(value = FakeNemo.class, scope = MATCHING_RESOURCES)
public @interface WithFakeNemo {}
