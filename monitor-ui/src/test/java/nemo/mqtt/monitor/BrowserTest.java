package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.TestMqttClient;

/** The pages in a real headless Chromium, signed in through the login form. */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class BrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI root;

    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private ChromeDriver browser;
    private TestMqttClient lab;

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

    private void signIn(String user) {
        browser.get(root.resolve("/log").toString());
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/login"));
        Chromium.screenshot(browser, "login");
        browser.findElement(By.id("j_username")).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(user + "-test-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login"));
        assertEquals(user, browser.findElement(By.id("signed-in-as")).getText());
    }

    private void go(String path) {
        browser.get(root.resolve(path).toString());
    }

    private String status(long tool, long seq, String state, String user) {
        return "{\"event\":\"tool_status\",\"tool_id\":" + tool + ",\"tool_name\":\"Woollam\",\"state\":\"" + state
                + "\",\"since\":\"" + java.time.Instant.now().minusSeconds(95) + "\",\"in_use\":"
                + state.equals("in_use")
                + (user != null ? ",\"user_name\":\"" + user + "\"" : "")
                + ",\"event_id\":\"" + java.util.UUID.randomUUID() + "\",\"seq\":" + seq + "}";
    }

    private WebElement card(long tool) {
        return browser.findElement(By.id("tool-" + tool));
    }

    @Test
    void aViewerSeesACardGoFromIdleToInUseAndReadsAMessagesJson() {
        lab.publish("nemo/tools/7201/status", status(7201, 1, "idle", null), true);
        signIn(Login.VIEWER);
        go("/");
        await().atMost(WAIT)
                .until(() -> !browser.findElements(By.id("tool-7201")).isEmpty()
                        && "idle".equals(card(7201).getAttribute("data-state")));
        assertTrue(browser.findElement(By.id("connection")).getText().contains("live"));
        Chromium.screenshot(browser, "board-idle");

        lab.publish("nemo/tools/7201/status", status(7201, 2, "in_use", "Alice Smith"), true);
        await().atMost(WAIT).until(() -> "in_use".equals(card(7201).getAttribute("data-state")));
        String text = card(7201).getText();
        assertTrue(text.contains("Alice Smith"), text);
        assertTrue(text.contains("IN USE"), text);
        assertTrue(text.matches("(?s).*for 1 min.*"), "how long it has been in use, live: " + text);
        // the filter shows only tools in use, and counts them
        browser.findElement(By.cssSelector("button[data-filter=in_use]")).click();
        assertTrue(card(7201).isDisplayed());
        Chromium.screenshot(browser, "board-in-use");

        go("/log");
        lab.publish(
                "nemo/tools/7201/enabled",
                "{\"event\":\"tool_enabled\",\"tool_id\":7201,\"tool_name\":\"Woollam\","
                        + "\"user_name\":\"Alice Smith\",\"usage_id\":55,\"event_id\":\"" + java.util.UUID.randomUUID()
                        + "\",\"seq\":3}",
                false);
        By entry = By.xpath("//li[@data-event='tool_enabled' and @data-tool-id='7201']");
        await().atMost(WAIT).until(() -> !browser.findElements(entry).isEmpty());
        WebElement item = browser.findElement(entry);
        assertTrue(item.getText().startsWith("Alice Smith started using Woollam, "), item.getText());
        assertTrue(item.getText().contains("nemo/tools/7201/enabled"));
        item.findElement(By.tagName("summary")).click();
        WebElement json = item.findElement(By.cssSelector("pre.json"));
        await().atMost(WAIT).until(json::isDisplayed);
        assertTrue(json.getText().contains("\"event\": \"tool_enabled\""), json.getText());
        assertTrue(json.getText().contains("\n  \"usage_id\": 55"), "pretty printed: " + json.getText());
        Chromium.screenshot(browser, "log-json");

        // a topic filter hides what does not match it
        browser.findElement(By.id("filter-topic")).sendKeys("nemo/tools/+/status");
        await().atMost(WAIT).until(() -> !item.isDisplayed());
        browser.findElement(By.id("filter-topic")).clear();
        browser.executeScript("document.getElementById('filter-topic').dispatchEvent(new Event('input'))");
        await().atMost(WAIT).until(item::isDisplayed);

        // paused, new messages wait (and are counted); resumed, they are all there
        browser.findElement(By.id("pause")).click();
        lab.publish(
                "nemo/tools/7201/disabled",
                "{\"event\":\"tool_disabled\",\"tool_id\":7201,\"tool_name\":\"Woollam\","
                        + "\"user_name\":\"Alice Smith\",\"event_id\":\"" + java.util.UUID.randomUUID()
                        + "\",\"seq\":4}",
                false);
        await().atMost(WAIT)
                .until(() -> browser.findElement(By.id("held")).getText().equals("1 new while paused"));
        By ended = By.xpath("//li[@data-event='tool_disabled' and @data-tool-id='7201']");
        assertTrue(browser.findElements(ended).isEmpty(), "nothing is added while paused");
        browser.findElement(By.id("pause")).click();
        await().atMost(WAIT).until(() -> !browser.findElements(ended).isEmpty());
        assertTrue(browser.findElement(ended).getText().startsWith("Alice Smith stopped using Woollam"));

        // a viewer has no settings link and is refused the page
        assertTrue(browser.findElements(By.cssSelector("a[href='/settings']")).isEmpty());
        go("/settings");
        assertTrue(browser.findElements(By.id("settings-form")).isEmpty(), "a viewer must not get the form");
        assertEquals("Not allowed", browser.findElement(By.id("forbidden")).getText());
        Chromium.screenshot(browser, "settings-refused-to-viewer");

        // the bridges page from a replica's heartbeat
        redis.value(String.class)
                .psetex(
                        "nemo:bridge:heartbeat:bridge-7",
                        30_000,
                        "{\"replica\":\"bridge-7\","
                                + "\"owned_shards\":[0,1,2,3,4,5,6,7],\"broker_connected\":true,\"broker\":\"localhost:8883\","
                                + "\"settings_version\":2,\"published\":1234,\"acked\":1234,\"reconnects\":1,\"lag\":{\"0\":3},"
                                + "\"pending\":{\"0\":1},\"updated_at\":\"" + java.time.Instant.now() + "\"}");
        redis.sortedSet(String.class)
                .zadd("nemo:events:bridges", System.currentTimeMillis(), "bridge-7"); // as its lease loop does
        go("/bridges");
        await().atMost(WAIT)
                .until(() -> !browser.findElements(By.cssSelector("tr[data-replica='bridge-7']"))
                        .isEmpty());
        Chromium.screenshot(browser, "bridges");
        redis.key().del("nemo:bridge:heartbeat:bridge-7");
        redis.sortedSet(String.class).zrem("nemo:events:bridges", "bridge-7");
    }

    @Test
    void anAdminTestsAndSavesBrokerSettings() throws Exception {
        signIn(Login.ADMIN);
        go("/settings");
        WebElement port = browser.findElement(By.id("port"));
        port.clear();
        port.sendKeys(Integer.toString(FreePorts.next()));
        browser.executeScript(
                "arguments[0].value = arguments[1]",
                browser.findElement(By.id("ca_pem")),
                Files.readString(DevCerts.shared().ca()));
        browser.findElement(By.id("test-connection")).click();
        WebElement result = browser.findElement(By.id("test-result"));
        await().atMost(WAIT).until(() -> result.getText().startsWith("Connection refused"));
        Chromium.screenshot(browser, "settings-test-refused");

        port.clear();
        port.sendKeys(Integer.toString(SharedServices.mosquitto().port()));
        browser.findElement(By.id("test-connection")).click();
        await().atMost(WAIT).until(() -> result.getText().startsWith("Connected to"));
        browser.findElement(By.id("username")).sendKeys("bridge-user");
        WebElement password = browser.findElement(By.id("password"));
        password.sendKeys("browser-secret");
        browser.findElement(By.id("save")).click();
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("notice")).isEmpty());
        assertTrue(browser.findElement(By.id("notice")).getText().startsWith("Saved as version"));
        assertTrue(browser.findElement(By.id("password-set")).isDisplayed());
        assertFalse(browser.getPageSource().contains("browser-secret"));
        Chromium.screenshot(browser, "settings-saved");
    }

    /**
     * 10 000 messages through the live log: the page keeps its configured number of entries, and
     * its memory after 10 000 is about what it was after the first 1 000.
     */
    @Test
    void tenThousandLogMessagesKeepThePageTheSameSize() throws Exception {
        signIn(Login.VIEWER);
        go("/log");
        int limit = Integer.parseInt(browser.findElement(By.id("log")).getAttribute("data-max"));
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        publishBurst(run, 1, 1_000);
        Map<String, Double> first = Chromium.metrics(browser);
        publishBurst(run, 1_001, 5_000);
        Map<String, Double> half = Chromium.metrics(browser);
        publishBurst(run, 5_001, 10_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> all = Chromium.metrics(browser);
        long entries = (Long) browser.executeScript("return document.querySelectorAll('#log > li').length");
        Chromium.screenshot(browser, "log-10000");

        String report = String.format(
                """
                | after | 1 000 messages | 5 000 messages | 10 000 messages |
                | --- | --- | --- | --- |
                | log entries in the page | %d | %d | %d |
                | JS heap used (MB, after GC) | %.1f | %.1f | %.1f |
                | DOM nodes (incl. detached not yet collected) | %.0f | %.0f | %.0f |
                | page script + task CPU time (s, cumulative) | %.2f | %.2f | %.2f |

                10 000 messages published over MQTT and shown in %.1f s (log size %d).
                """,
                Math.min(1_000, limit),
                limit,
                entries,
                mb(first),
                mb(half),
                mb(all),
                first.get("Nodes"),
                half.get("Nodes"),
                all.get("Nodes"),
                first.get("TaskDuration"),
                half.get("TaskDuration"),
                all.get("TaskDuration"),
                seconds,
                limit);
        Files.writeString(Path.of("target", "log-page-footprint.md"), report);
        System.out.println(report);

        assertEquals(limit, entries, "the page keeps at most its configured number of entries");
        // once the list is full, another 5 000 messages must not grow the page
        assertTrue(all.get("JSHeapUsedSize") < half.get("JSHeapUsedSize") * 1.3, "memory stays flat: " + report);
        assertTrue(all.get("Nodes") < half.get("Nodes") * 1.2, "DOM stays flat: " + report);
    }

    private static double mb(Map<String, Double> metrics) {
        return metrics.get("JSHeapUsedSize") / 1e6;
    }

    private void publishBurst(String run, int from, int to) {
        for (int n = from; n <= to; n++) {
            lab.publish(
                    "nemo/tools/7301/enabled",
                    "{\"event\":\"tool_enabled\",\"tool_id\":7301,\"tool_name\":\"Load " + run
                            + "\",\"user_name\":\"User " + n + "\",\"event_id\":\"" + run + "-" + n + "\",\"seq\":" + n
                            + "}",
                    false);
        }
        By last = By.xpath("//li[@data-event='tool_enabled'][1]//span[starts-with(., 'User " + to + " started')]");
        // (no element lists kept here: the driver's references would keep removed entries alive)
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !browser.findElements(last).isEmpty());
    }
}
