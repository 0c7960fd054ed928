package nemo.mqtt.emitter.nemo.capture;

import static io.quarkus.test.common.TestResourceScope.MATCHING_RESOURCES;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.WithTestResource;

import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisTestResource;

/**
 * The emitter capturing NEMO's database ({@link NemoDatabaseResource}), on the JVM's shared
 * PostgreSQL and Redis. The capture test classes that carry it share one running application and
 * one NEMO database: each writes NEMO users and tools of its own names. A class that stops the
 * capture, drops its slot or takes its lease names its resources itself with
 * {@code RESTRICTED_TO_CLASS}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithTestResource(value = PostgresTestResource.class, scope = MATCHING_RESOURCES)
@WithTestResource(value = RedisTestResource.class, scope = MATCHING_RESOURCES)
@WithTestResource(value = NemoDatabaseResource.class, scope = MATCHING_RESOURCES)
@interface WithNemoDatabase {}
