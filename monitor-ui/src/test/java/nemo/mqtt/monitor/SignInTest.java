package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a thousand wrong admin passwords in 1.4 s, none slowed, none logged. Each test poses as
 * its own client address (the test profile trusts X-Forwarded-For from this machine).
 */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class SignInTest {

    private static Response attempt(String address, String user, String password) {
        return Login.signIn(user, password).header("X-Forwarded-For", address).post("/j_security_check");
    }

    private static double failures(String reason) {
        return MetricsPage.count("nemo_monitor_signin_failures_total", reason);
    }

    @Test
    void failuresAreLoggedWithUserAndAddressButNeverThePassword() {
        double before = failures("wrong_password");
        try (LogCapture log = LogCapture.start()) {
            attempt("198.51.100.7", "no-such-user", "Pa55-w0rd-never-logged")
                    .then()
                    .statusCode(302)
                    .header("Location", containsString("/login?error"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> log.lines().stream()
                            .anyMatch(l -> l.contains("Sign-in failed")
                                    && l.contains("no-such-user")
                                    && l.contains("198.51.100.7")));
            assertFalse(
                    log.lines().stream().anyMatch(l -> l.contains("Pa55-w0rd-never-logged")),
                    log.lines().toString());
        }
        assertEquals(before + 1, failures("wrong_password"));
    }

    @Test
    void afterFiveFailuresAUserWaitsLongerEachTimeThenGetsIn() {
        String address = "198.51.100.21";
        for (int i = 0; i < 5; i++) {
            attempt(address, Login.VIEWER, "guess-" + i).then().statusCode(302);
        }
        double throttledBefore = failures("throttled");
        // from another address too: it is the user name that waits
        Response refused = attempt("198.51.100.22", Login.VIEWER, "viewer-test-password");
        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.asString().contains("wait"), refused.asString());
        assertEquals(throttledBefore + 1, failures("throttled"));

        // once the wait is over the next wrong guess starts a longer one
        AtomicReference<Response> next = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    next.set(attempt(address, Login.VIEWER, "guess-again"));
                    return next.get().statusCode() != 429;
                });
        assertEquals(302, next.get().statusCode());
        Response longer = attempt(address, Login.VIEWER, "viewer-test-password");
        assertEquals(429, longer.statusCode());
        assertEquals("2", longer.header("Retry-After"));

        // and the real person gets in when it is over
        await().atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> attempt("198.51.100.23", Login.VIEWER, "viewer-test-password")
                                .statusCode()
                        == 302);
    }

    @Test
    void oneAddressTryingManyUsersWaitsToo() {
        String address = "198.51.100.31";
        for (int i = 0; i < 5; i++) {
            attempt(address, "user-" + i, "guess").then().statusCode(302);
        }
        attempt(address, "user-6", "guess").then().statusCode(429).header("Retry-After", "1");
    }

    @Test
    void aFloodIsMostlyRefusedUnchecked() {
        String address = "198.51.100.41";
        long start = System.nanoTime();
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            if (attempt(address, "flood-target", "guess-" + i).statusCode() != 429) {
                checked++;
            }
        }
        // five free guesses, then one per wait of 1, 2, 4... seconds, however slow this machine is
        double seconds = (System.nanoTime() - start) / 1e9;
        int allowed = 5 + (int) Math.ceil(Math.log(seconds + 1) / Math.log(2)) + 1;
        assertTrue(checked <= allowed, checked + " of 40 guesses in " + seconds + " s were checked");
    }
}
