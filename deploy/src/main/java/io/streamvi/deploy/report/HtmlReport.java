package io.streamvi.deploy.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A single self-contained HTML page of headings, paragraphs, tables and inline SVG figures. */
public final class HtmlReport {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
        body.append("<h1>").append(Svg.escape(title)).append("</h1>\n");
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(Svg.escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(Svg.escape(text)).append("</p>\n");
        return this;
    }

    public HtmlReport table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        header.forEach(h -> body.append("<th>").append(Svg.escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(c -> body.append("<td>").append(Svg.escape(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A row of figures (SVG strings from {@link Svg}). */
    public HtmlReport figures(List<String> svgs) {
        body.append("<div class='figures'>");
        svgs.forEach(svg -> body.append("<figure>").append(svg).append("</figure>"));
        body.append("</div>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>" + Svg.escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;margin:24px;max-width:1400px}table{border-collapse:collapse;margin:8px 0}"
                + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}"
                + ".figures{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0}</style></head><body>\n"
                + body + "</body></html>\n";
    }

    /** Writes the page to {@code dir/fileName} (creating the directory) and returns its path. */
    public Path write(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(fileName);
            Files.writeString(file, html(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
