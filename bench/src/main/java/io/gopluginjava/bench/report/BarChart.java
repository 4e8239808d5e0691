package io.gopluginjava.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart of ratios to Go → Go as SVG, with the 1.0 line marked: a bar past it costs more than Go. An
 * unstable ratio (see {@link Figure#stable()}) is drawn grey and labelled so, not coloured as a result.
 */
final class BarChart {

  private record Bar(String section, String label, Figure ratio, boolean stable) {}

  private final List<Bar> bars = new ArrayList<>();

  void add(String section, String label, Figure ratio) {
    add(section, label, ratio, true);
  }

  void add(String section, String label, Figure ratio, boolean stable) {
    if (ratio != null) {
      bars.add(new Bar(section, label, ratio, stable));
    }
  }

  String svg(String title) {
    int labelWidth = 330;
    int plotWidth = 420;
    int rowHeight = 20;
    double max = Math.max(2, Math.ceil(bars.stream().mapToDouble(b -> b.ratio().value()).max().orElse(1)));
    max = Math.min(max, 20); // a longer bar is drawn cut, its value printed
    StringBuilder body = new StringBuilder();
    int y = 40;
    String section = null;
    for (Bar bar : bars) {
      if (!bar.section().equals(section)) {
        section = bar.section();
        y += 8;
        body.append(text(8, y + 12, section, "bold"));
        y += rowHeight;
      }
      double scale = plotWidth / max;
      double width = Math.min(bar.ratio().value(), max) * scale;
      String colour = !bar.stable() ? "#aaaaaa" : bar.ratio().value() <= 1.05 ? "#4c9a2a" : bar.ratio().value() <= 3 ? "#d9a400" : "#c0392b";
      body.append(text(16, y + 13, bar.label(), "normal"));
      body.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y + 3,
          width, rowHeight - 6, colour));
      double low = Math.min(bar.ratio().low(), max) * scale;
      double high = Math.min(bar.ratio().high(), max) * scale;
      body.append(String.format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
          labelWidth + low, y + rowHeight / 2, labelWidth + high, y + rowHeight / 2));
      body.append(text(labelWidth + (int) width + 6, y + 13, String.format(java.util.Locale.ROOT, bar.stable() ? "%.2fx" : "unstable (%.2fx)", bar.ratio().value()), "normal"));
      y += rowHeight;
    }
    int height = y + 30;
    int one = labelWidth + (int) (plotWidth / max);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (labelWidth + plotWidth + 80) + "\" height=\""
        + height + "\" font-family=\"sans-serif\" font-size=\"12\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        + text(8, 20, title, "bold")
        + String.format("<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n", one,
            one, height - 20)
        + text(one - 20, height - 6, "1.0 = Go", "normal")
        + body + "</svg>\n";
  }

  private static String text(int x, int y, String s, String weight) {
    String escaped = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    return String.format("<text x=\"%d\" y=\"%d\" font-weight=\"%s\">%s</text>%n", x, y, weight, escaped);
  }
}
