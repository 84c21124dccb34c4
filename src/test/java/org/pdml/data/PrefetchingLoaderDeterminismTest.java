package org.pdml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdml.config.AugmentationConfig;
import org.pdml.provenance.Seeds;
import org.pdml.testing.SyntheticExamples;

/**
 * The real training input path (PNG records decoded with ImageIO, random resized crop, flip,
 * normalisation) gives the same batches whatever the number of loader workers: a data race between
 * workers would show as differing pixels.
 */
class PrefetchingLoaderDeterminismTest {

    @TempDir Path tmp;

    @Test
    void oneWorkerAndFourWorkersLoadIdenticalBatches() throws Exception {
        SyntheticExamples.write(tmp, 12, 0, 6, 40, 5L);
        SplitImages images = SplitImages.load(tmp, "train");
        AugmentationConfig aug =
                new AugmentationConfig(
                        new AugmentationConfig.CropRanges(List.of(0.3, 1.0), List.of(0.75, 1.33)),
                        0.5,
                        List.of(0.5),
                        List.of(0.25),
                        36,
                        32);
        SampleTransform t = RecordTransforms.training(images, aug, 32);
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < 24; b++) {
            int[] rows = new int[16];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (b * 7 + i * 5) % images.size();
            }
            batches.add(rows);
        }
        List<HostBatch> one = loadAll(batches, t, images, 1);
        List<HostBatch> four = loadAll(batches, t, images, 4);
        for (int b = 0; b < batches.size(); b++) {
            assertThat(four.get(b).pixels()).as("batch %d", b).isEqualTo(one.get(b).pixels());
            assertThat(four.get(b).labels()).isEqualTo(one.get(b).labels());
        }
    }

    private static List<HostBatch> loadAll(
            List<int[]> batches, SampleTransform t, SplitImages images, int workers) {
        List<HostBatch> out = new ArrayList<>();
        try (PrefetchingLoader loader =
                new PrefetchingLoader(
                        batches,
                        row -> images.get(row).label(),
                        t,
                        (b, i) -> new Seeds(9).seed(Seeds.Purpose.AUGMENTATION, 1, b, i),
                        new int[] {3, 32, 32},
                        workers,
                        4)) {
            while (loader.hasNext()) {
                out.add(loader.next());
            }
        }
        return out;
    }
}
