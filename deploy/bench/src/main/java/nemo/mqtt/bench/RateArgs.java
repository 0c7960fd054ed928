package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the rate benchmarks: seconds per rate, then the rates per second comma-separated;
 * and their output directory, {@code deploy/bench/target} under {@code -Dnemo.repo.root}.
 */
record RateArgs(int seconds, List<Integer> rates, Path out) {

    /** Reads {@code args}, with {@code seconds} and {@code rates} where they are missing; creates the output directory. */
    static RateArgs parse(String[] args, int seconds, String rates) throws IOException {
        List<Integer> parsed = new ArrayList<>();
        for (String r : (args.length > 1 ? args[1] : rates).split(",")) {
            parsed.add(Integer.parseInt(r.strip()));
        }
        return new RateArgs(
                args.length > 0 ? Integer.parseInt(args[0]) : seconds, List.copyOf(parsed), outputDirectory());
    }

    /** {@code deploy/bench/target} under {@code -Dnemo.repo.root}, created if missing. */
    static Path outputDirectory() throws IOException {
        Path out = Path.of(System.getProperty("nemo.repo.root", "."))
                .toAbsolutePath()
                .normalize()
                .resolve("deploy/bench/target");
        Files.createDirectories(out);
        return out;
    }
}
