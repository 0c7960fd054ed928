package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.TestMqttClient;

/**
 * What the browser tests share: a real headless Chromium per test (its last state kept as a
 * screenshot), a display client publishing to the shared broker, and signing in through the form.
 */
abstract class BrowserTestBase {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI root;

    ChromeDriver browser;
    TestMqttClient lab;

    @BeforeEach
    void open() {
        browser = Chromium.start();
        lab = TestMqttClient.display(
                        DevCerts.shared(), SharedServices.mosquitto().port())
                .connect();
    }

    @AfterEach
    void close(org.junit.jupiter.api.TestInfo test) {
        if (browser != null) {
            // the last state of every test, to look at when one fails
            Chromium.screenshot(
                    browser, "last-" + test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** Signs {@code user} in through the login form (its password is the test one). */
    void signIn(String user) {
        browser.get(root.resolve("/log").toString());
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/login"));
        Chromium.screenshot(browser, "login");
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(user + "-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login"));
        assertEquals(user, browser.findElement(By.id("signed-in-as")).getText());
    }

    /** Opens {@code path} of the app. */
    void go(String path) {
        browser.get(root.resolve(path).toString());
    }
}
