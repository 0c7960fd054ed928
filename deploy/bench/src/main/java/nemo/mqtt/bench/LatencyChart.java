package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/** A PNG of the end-to-end runs' percentiles, one line per path and rate, on a log axis. */
final class LatencyChart {

    private LatencyChart() {}

    /** Writes the chart of {@code runs} to {@code png}. */
    static void write(Path png, List<PathRun> runs) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(600)
                .title("NEMO MQTT end-to-end latency (intended send -> subscriber receive)")
                .xAxisTitle("percentile")
                .yAxisTitle("latency ms (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        List<String> labels = List.of("p50", "p95", "p99", "max");
        for (PathRun r : runs) {
            Percentiles p = r.latency();
            chart.addSeries(
                    r.path() + " @ " + r.targetRate() + "/s",
                    labels,
                    List.of(
                            Math.max(p.p50(), 0.01),
                            Math.max(p.p95(), 0.01),
                            Math.max(p.p99(), 0.01),
                            Math.max(p.max(), 0.01)));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
