package nemo.mqtt.monitor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its ChromeDriver (no driver download: the paths are given,
 * so Selenium Manager stays idle). Installed from the OS packages when missing.
 */
public final class Chromium {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {}

    public static ChromeDriver start() {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile());
        // The flags keep Chromium from reaching out to the network (closed here) and let it run as root.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,900",
                "--enable-precise-memory-info");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }

    /** Chrome DevTools metrics of the page (JSHeapUsedSize, Nodes, TaskDuration, ...). */
    @SuppressWarnings("unchecked")
    public static Map<String, Double> metrics(ChromeDriver driver) {
        driver.executeCdpCommand("Performance.enable", Map.of());
        driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> result = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> metrics = new java.util.TreeMap<>();
        for (Object entry : (java.util.List<Object>) result.get("metrics")) {
            Map<String, Object> metric = (Map<String, Object>) entry;
            metrics.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
        }
        return metrics;
    }

    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        try {
            Process install = new ProcessBuilder("apt-get", "install", "-y", "chromium", "chromium-driver")
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/apt-chromium.log"))
                    .start();
            if (install.waitFor() != 0 || !Files.isExecutable(BROWSER)) {
                throw new IllegalStateException("could not install chromium (see target/apt-chromium.log)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run apt-get to install chromium", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
