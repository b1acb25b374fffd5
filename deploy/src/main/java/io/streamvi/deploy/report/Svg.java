package io.streamvi.deploy.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG plots for the HTML reports: self-contained (no script, no external resource), so a
 * report opens anywhere and renders the same in every browser.
 */
public final class Svg {

    /** A named line or bar series with its colour. */
    public record Series(String name, double[] x, double[] y, String colour) {
    }

    public static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    private static final int WIDTH = 420;
    private static final int HEIGHT = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private Svg() {
    }

    /**
     * A histogram of {@code counts} (equal-width bins) with a horizontal reference at
     * {@code expected} and a band of ± {@code band} around it (e.g. a 99% interval of a uniform
     * histogram).
     */
    public static String histogram(String title, String xLabel, int[] counts, double expected, double band) {
        double max = expected + band;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        max *= 1.05;
        StringBuilder s = open(title);
        double w = (double) (WIDTH - LEFT - RIGHT) / counts.length;
        double y0 = y(expected - band, 0, max);
        double y1 = y(expected + band, 0, max);
        s.append(String.format(Locale.ROOT, "<rect x='%d' y='%.1f' width='%d' height='%.1f' fill='#dddddd'/>",
                LEFT, y1, WIDTH - LEFT - RIGHT, Math.max(0, y0 - y1)));
        for (int i = 0; i < counts.length; i++) {
            double top = y(counts[i], 0, max);
            s.append(String.format(Locale.ROOT, "<rect class='bar' x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
                    LEFT + i * w + 1, top, Math.max(1, w - 2), HEIGHT - BOTTOM - top, PALETTE[0]));
        }
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#333' stroke-dasharray='4 3'/>",
                LEFT, WIDTH - RIGHT, y(expected, 0, max), y(expected, 0, max)));
        axes(s, 0, counts.length, 0, max, xLabel, "count");
        return s.append("</svg>").toString();
    }

    /** Lines through (x, y) for each series, with a legend. */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series ser : series) {
            for (int i = 0; i < ser.x().length; i++) {
                if (Double.isFinite(ser.x()[i]) && Double.isFinite(ser.y()[i])) {
                    xMin = Math.min(xMin, ser.x()[i]);
                    xMax = Math.max(xMax, ser.x()[i]);
                    yMin = Math.min(yMin, ser.y()[i]);
                    yMax = Math.max(yMax, ser.y()[i]);
                }
            }
        }
        if (!(xMax > xMin)) {
            xMax = xMin + 1;
        }
        if (!(yMax > yMin)) {
            yMax = yMin + 1;
        }
        double pad = 0.05 * (yMax - yMin);
        yMin -= pad;
        yMax += pad;
        StringBuilder s = open(title);
        int legendY = TOP + 4;
        for (Series ser : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < ser.x().length; i++) {
                if (Double.isFinite(ser.x()[i]) && Double.isFinite(ser.y()[i])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(ser.x()[i], xMin, xMax), y(ser.y()[i], yMin, yMax)));
                }
            }
            s.append("<polyline class='line' fill='none' stroke-width='2' stroke='").append(ser.colour())
                    .append("' points='").append(points.toString().strip()).append("'/>");
            s.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='12' height='3' fill='%s'/>", WIDTH - RIGHT - 120,
                    legendY + 4, ser.colour()));
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>%s</text>", WIDTH - RIGHT - 104,
                    legendY + 9, escape(ser.name())));
            legendY += 14;
        }
        axes(s, xMin, xMax, yMin, yMax, xLabel, yLabel);
        return s.append("</svg>").toString();
    }

    /** Vertical bars, one per label, with a dashed reference line at {@code reference}. */
    public static String bars(String title, String yLabel, List<String> labels, double[] values, double reference,
            double yMin, double yMax) {
        StringBuilder s = open(title);
        double w = (double) (WIDTH - LEFT - RIGHT) / labels.size();
        for (int i = 0; i < labels.size(); i++) {
            double top = y(Math.max(yMin, values[i]), yMin, yMax);
            s.append(String.format(Locale.ROOT, "<rect class='bar' x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
                    LEFT + i * w + 4, top, Math.max(1, w - 8), HEIGHT - BOTTOM - top, PALETTE[i % PALETTE.length]));
            double cx = LEFT + (i + 0.5) * w;
            s.append(String.format(Locale.ROOT,
                    "<text x='%.1f' y='%d' font-size='9' text-anchor='end' transform='rotate(-35 %.1f %d)'>%s</text>",
                    cx, HEIGHT - BOTTOM + 10, cx, HEIGHT - BOTTOM + 10, escape(labels.get(i))));
        }
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#333' stroke-dasharray='4 3'/>",
                LEFT, WIDTH - RIGHT, y(reference, yMin, yMax), y(reference, yMin, yMax)));
        axes(s, Double.NaN, Double.NaN, yMin, yMax, "", yLabel);
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' class='plot' width='%d' height='%d' viewBox='0 0 %d %d'>",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<rect width='100%' height='100%' fill='white'/>");
        s.append(String.format(Locale.ROOT, "<text x='%d' y='16' font-size='13' font-weight='bold'>%s</text>", LEFT,
                escape(title)));
        return s;
    }

    private static void axes(StringBuilder s, double xMin, double xMax, double yMin, double yMax, String xLabel,
            String yLabel) {
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>", LEFT, WIDTH - RIGHT,
                HEIGHT - BOTTOM, HEIGHT - BOTTOM));
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='black'/>", LEFT, LEFT, TOP,
                HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double v = yMin + i * (yMax - yMin) / 4;
            s.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' font-size='10' text-anchor='end'>%s</text>", LEFT - 4,
                    y(v, yMin, yMax) + 3, tick(v)));
            if (Double.isFinite(xMin)) {
                double u = xMin + i * (xMax - xMin) / 4;
                s.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='10' text-anchor='middle'>%s</text>",
                        x(u, xMin, xMax), HEIGHT - BOTTOM + 14, tick(u)));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11' text-anchor='middle'>%s</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, escape(xLabel)));
        s.append(String.format(Locale.ROOT,
                "<text x='12' y='%d' font-size='11' text-anchor='middle' transform='rotate(-90 12 %d)'>%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
    }

    private static double x(double v, double min, double max) {
        return LEFT + (v - min) / (max - min) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double v, double min, double max) {
        return HEIGHT - BOTTOM - (v - min) / (max - min) * (HEIGHT - TOP - BOTTOM);
    }

    private static String tick(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 0.01 || a >= 1e5) ? String.format(Locale.ROOT, "%.2g", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
