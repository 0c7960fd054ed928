package nemo.mqtt.emitter.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/** Resources that only callers with a configured API token may use. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApiTokenRequired {

    /** The OpenAPI security scheme (HTTP bearer) that documents this: see EventResource. */
    String SCHEME = "bearer";
}
