package nemo.mqtt.monitor.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.security.HttpSecurity;
import io.smallrye.config.SmallRyeConfig;
import org.eclipse.microprofile.config.ConfigProvider;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * Puts {@link SignInMechanism} in place of Quarkus' form sign-in, which is switched off
 * ({@code quarkus.http.auth.form.enabled=false}) while its other {@code quarkus.http.auth.form.*}
 * settings still apply.
 */
@ApplicationScoped
public class SignInSetup {

    void configure(@Observes HttpSecurity http, MonitorConfig config, CsrfTokens tokens, SignInGuard guard) {
        VertxHttpConfig httpConfig =
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class);
        http.mechanism(new SignInMechanism(httpConfig.auth().form(), config.sessionKey(), tokens, guard));
    }
}
