package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.json.JsonObject;

/**
 * Where a benchmark's results go: {@code bench-<name>.md} and {@code bench-<name>.json} in its output
 * directory ({@link RateArgs#outputDirectory()}), and the Markdown on stdout; and the line every
 * report ends with, naming the machine it ran on.
 */
final class BenchReport {

    private BenchReport() {}

    /** The Markdown line giving the machine's cores and {@code sharedBy}, what runs on them together. */
    static String machine(String sharedBy) {
        return "- machine: " + Runtime.getRuntime().availableProcessors() + " cores; " + sharedBy + " share it";
    }

    /** Writes {@code markdown} and {@code json} (none when null) as bench-{@code name}.md and .json in {@code out}. */
    static void write(Path out, String name, String markdown, JsonObject json) throws IOException {
        Path md = out.resolve("bench-" + name + ".md");
        Files.writeString(md, markdown);
        if (json != null) {
            Files.writeString(out.resolve("bench-" + name + ".json"), json.encodePrettily());
        }
        System.out.println(markdown);
        System.out.println("[bench] wrote " + md + (json == null ? "" : " and .json"));
    }
}
