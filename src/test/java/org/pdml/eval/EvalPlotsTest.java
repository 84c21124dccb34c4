package org.pdml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.eval.metrics.ReliabilityDiagram;

/** Every plot is a decodable PNG of the promised size with real content. */
class EvalPlotsTest {
    @TempDir Path dir;

    private static void assertDrawn(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as(png.toString()).isNotNull();
        assertThat(img.getWidth()).isEqualTo(EvalPlots.WIDTH);
        assertThat(img.getHeight()).isEqualTo(EvalPlots.HEIGHT);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in " + png).isGreaterThan(5);
    }

    @Test
    void drawsAllFivePlots() throws IOException {
        double[] conf = {0.1, 0.3, 0.3, 0.6, 0.9, 1.0, 1.0};
        boolean[] ok = {false, false, true, true, true, true, false};
        EvalPlots.reliability(ReliabilityDiagram.compute(conf, ok, 15), dir.resolve("rel.png"));
        EvalPlots.recallByKappaDecile(
                new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, Double.NaN, 0.8, 0.9, 1},
                dir.resolve("dec.png"));
        EvalPlots.kappaHistogram(new double[] {1, 2, 2, 3, 3, 3, 9}, 10, dir.resolve("hist.png"));
        EvalPlots.recallCurve(
                new int[] {1, 2, 4, 8},
                new double[] {0.5, 0.6, 0.8, 0.9},
                dir.resolve("curve.png"));
        EvalPlots.riskCoverage(
                new double[] {0, 0.5, 1.0 / 3, 0.25}, 13.0 / 48, dir.resolve("rc.png"));
        for (String f : new String[] {"rel.png", "dec.png", "hist.png", "curve.png", "rc.png"}) {
            assertDrawn(dir.resolve(f));
        }
    }

    @Test
    void constantKappaStillDraws() throws IOException {
        EvalPlots.kappaHistogram(new double[] {4, 4, 4}, 5, dir.resolve("flat.png"));
        assertDrawn(dir.resolve("flat.png"));
    }
}
