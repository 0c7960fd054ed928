package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The live log page under 10 000 messages in a real headless Chromium: its size and memory stay flat. */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class LogPageFootprintTest extends BrowserTestBase {

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
