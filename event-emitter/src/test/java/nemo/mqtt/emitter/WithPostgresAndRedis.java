package nemo.mqtt.emitter;

import static io.quarkus.test.common.TestResourceScope.MATCHING_RESOURCES;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.WithTestResource;

import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisTestResource;

/**
 * The emitter on the JVM's shared PostgreSQL and Redis. The test classes that carry it share one
 * running application (Quarkus starts it once for the group): a class that breaks a service, or
 * needs settings of its own, names its resources itself with {@code RESTRICTED_TO_CLASS}. Such
 * classes store under tool ids of their own, so they do not see each other's rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = PostgresTestResource.class, scope = MATCHING_RESOURCES)
@WithTestResource(value = RedisTestResource.class, scope = MATCHING_RESOURCES)
public @interface WithPostgresAndRedis {}
