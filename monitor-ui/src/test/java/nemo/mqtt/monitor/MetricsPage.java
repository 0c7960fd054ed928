package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Counters as the monitor's Prometheus endpoint shows them. */
final class MetricsPage {

    private MetricsPage() {}

    /** The value of {@code metric} (Prometheus name) for {@code reason}; 0 while it has none. */
    static double count(String metric, String reason) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile(
                        Pattern.quote(metric) + "\\{reason=\"" + Pattern.quote(reason) + "\"[^}]*\\} (\\S+)")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
