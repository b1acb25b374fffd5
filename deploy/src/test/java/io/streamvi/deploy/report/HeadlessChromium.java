package io.streamvi.deploy.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Renders a page in headless Chromium (Debian's package {@code chromium}, installed here with
 * apt-get when it is missing and the tests run as root) and reports what the browser saw: the
 * console messages (script errors among them) and a screenshot.
 */
public final class HeadlessChromium {

    /** What one render produced. */
    public record Render(List<String> consoleMessages, BufferedImage screenshot) {

        /** The share of pixels that are not (near) white. */
        public double inkedShare() {
            long inked = 0;
            for (int y = 0; y < screenshot.getHeight(); y++) {
                for (int x = 0; x < screenshot.getWidth(); x++) {
                    int rgb = screenshot.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    inked += r < 235 || g < 235 || b < 235 ? 1 : 0;
                }
            }
            return (double) inked / ((long) screenshot.getWidth() * screenshot.getHeight());
        }

        /** Whether some pixel is within {@code tolerance} of the colour {@code rgb} (0xRRGGBB). */
        public boolean hasColour(int rgb, int tolerance) {
            for (int y = 0; y < screenshot.getHeight(); y++) {
                for (int x = 0; x < screenshot.getWidth(); x++) {
                    int p = screenshot.getRGB(x, y);
                    if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
                            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
                            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** The browser, installing it first when it is missing. */
    static Path binary() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "apt-get install chromium did not finish in 10 minutes");
            assertTrue(Files.isExecutable(BINARY), "headless Chromium is needed to render the report: "
                    + "apt-get install chromium (as root) failed with exit code " + p.exitValue());
        }
        return BINARY;
    }

    public static Render render(Path page, Path workDir) throws IOException, InterruptedException {
        Path png = workDir.resolve("screenshot.png");
        Path log = workDir.resolve("chromium.log");
        Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + workDir.resolve("profile"),
                "--screenshot=" + png, "--window-size=1400,1800", page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium did not finish rendering in 2 minutes");
        assertEquals(0, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        List<String> console = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        return new Render(console, ImageIO.read(png.toFile()));
    }
}
