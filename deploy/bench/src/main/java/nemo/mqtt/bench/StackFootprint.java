package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.RepoPaths;

/** What the latency benchmark reads of a running {@link LocalStack}: its services' processes, memory and start times. */
final class StackFootprint {

    static final List<String> SERVICES = List.of("event-emitter", "mqtt-bridge", "monitor-ui");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private StackFootprint() {}

    /**
     * The java process of each service: its jar under this repository (either layout run.sh uses,
     * target/quarkus-app or target/quarkus-aot), and this stack's HTTP port.
     */
    static Map<String, Long> pids(LocalStack stack) throws IOException {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Pattern jar = Pattern.compile(Pattern.quote(RepoPaths.root().resolve(service + "/target/") + "/")
                    + "quarkus-[a-z]+/quarkus-run\\.jar");
            String port = "QUARKUS_HTTP_PORT=" + stack.httpPorts().get(service);
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) procs::iterator) {
                    String name = proc.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String cmdline =
                                new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                        if (!jar.matcher(cmdline).find()) {
                            continue;
                        }
                        String environ =
                                new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
                        if (List.of(environ.split("\0")).contains(port)) {
                            pids.put(service, Long.parseLong(name));
                        }
                    } catch (IOException gone) {
                        // exited or not ours
                    }
                }
            }
            if (!pids.containsKey(service)) {
                throw new IllegalStateException("no java process found for " + service);
            }
        }
        return pids;
    }

    /**
     * The stack's processes for {@link CpuTime}: the three services ({@code pids}), PostgreSQL (with
     * its backends), Redis and Mosquitto (run.sh's other children, by their program's name), and this
     * JVM as the load generator (its HTTP client, MQTT publisher and subscriber).
     */
    static CpuTime cpu(Map<String, Long> pids) {
        CpuTime cpu = new CpuTime();
        pids.forEach(cpu::tree);
        ProcessHandle runSh = ProcessHandle.of(pids.get("event-emitter"))
                .flatMap(ProcessHandle::parent)
                .orElseThrow(() -> new IllegalStateException("the emitter has no parent (run.sh)"));
        // Debian's redis-server is a link to redis-check-rdb, the name the OS gives the running program
        Map<String, String> servers = Map.of(
                "postgres", "PostgreSQL",
                "redis-server", "Redis",
                "redis-check-rdb", "Redis",
                "mosquitto", "Mosquitto");
        runSh.descendants().forEach(process -> {
            String program = program(process);
            // the server's first process: PostgreSQL's backends are in its tree already
            if (servers.containsKey(program)
                    && !program.equals(
                            process.parent().map(StackFootprint::program).orElse(""))) {
                cpu.tree(servers.get(program), process.pid());
            }
        });
        return cpu.self("load generator");
    }

    private static String program(ProcessHandle process) {
        return process.info()
                .command()
                .map(c -> Path.of(c).getFileName().toString())
                .orElse("");
    }

    /** The JVM and its options as {@code pid} was started with them: its command line before {@code -jar}. */
    static String jvm(long pid) throws IOException {
        String[] args = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                .split("\0");
        List<String> jvm = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-jar")) {
                break;
            }
            jvm.add(arg);
        }
        return String.join(" ", jvm);
    }

    /** VmRSS in KiB per service, from /proc/<pid>/status. */
    static Map<String, Long> rss(Map<String, Long> pids) throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            for (String line : Files.readAllLines(Path.of("/proc/" + e.getValue() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss.put(e.getKey(), Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        }
        return rss;
    }

    /** Quarkus' own "started in X s" from each service's log. */
    static Map<String, Double> startupSeconds(LocalStack stack) throws IOException {
        Map<String, Double> startup = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Matcher m = STARTED.matcher(Files.readString(stack.state.resolve("logs/" + service + ".log")));
            startup.put(service, m.find() ? Double.parseDouble(m.group(1)) : Double.NaN);
        }
        return startup;
    }

    /** Ctrl-C to run.sh, up to 90 s for it to stop everything, then what {@link LocalStack#close()} does. */
    static void stop(LocalStack stack) throws IOException, InterruptedException {
        stack.interrupt();
        stack.waitForExit(Duration.ofSeconds(90));
        stack.close();
    }

    /** The state directory goes at JVM exit; its logs stay in {@code to} to look at afterwards. */
    static void keepLogs(LocalStack stack, Path to) throws IOException {
        Files.createDirectories(to);
        try (var logs = Files.list(stack.state.resolve("logs"))) {
            for (Path log : (Iterable<Path>) logs::iterator) {
                Files.copy(log, to.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path run = stack.state.resolve("run.out");
        if (Files.exists(run)) {
            Files.copy(run, to.resolve("run.out"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
