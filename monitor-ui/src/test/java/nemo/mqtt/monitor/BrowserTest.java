package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.SharedServices;

/** The pages in a real headless Chromium, signed in through the login form. */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class BrowserTest extends BrowserTestBase {

    @jakarta.inject.Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

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
}
