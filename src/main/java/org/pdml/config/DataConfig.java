package org.pdml.config;

import java.util.List;

/**
 * Dataset, preprocessing and sharding settings, read by the preprocess stage.
 *
 * @param dataset which reader builds the index
 * @param source dataset root (local path or gs://)
 * @param output shard output folder (local path or gs://)
 * @param imageSize shorter-side size after resizing, pixels
 * @param encoding encoding of the stored images
 * @param jpegQuality JPEG quality 1–100
 * @param numShards shards per split
 * @param valFraction fraction of training classes carved out as validation classes
 * @param maxPixels pixel limit checked from the header before decoding
 * @param maxAspect largest accepted ratio of the longer to the shorter side
 * @param maxRejectFraction fraction of rejected inputs above which the run fails
 * @param runner Beam runner
 * @param beam extra Beam pipeline options ({@code --name=value}) for the preprocess stage
 * @param privateSources whether sources without a redistribution licence may be used
 * @param maxClassesPerSplit class limit per split, 0 for all
 * @param minInstancesPerClass classes with fewer instances are dropped
 * @param packages pinned source packages
 * @param emoji Emoji-Vendors options
 * @param kanji Kanji-Fonts options
 */
public record DataConfig(
        @Doc("Dataset reader") DatasetKind dataset,
        @Doc("Dataset root or index file (local path or gs://)") String source,
        @Doc(
                        "Shard output folder (local path or gs://; pdml run trains on a verified"
                                + " local copy of a gs:// output)")
                String output,
        @Doc("Shorter image side after resizing, pixels") int imageSize,
        @Doc("Stored image encoding") ImageEncoding encoding,
        @Doc("JPEG quality, 1-100 (encoding jpeg only)") int jpegQuality,
        @Doc("Number of shards per split") int numShards,
        @Doc("Fraction of training classes held out as validation classes, in [0,1)")
                double valFraction,
        @Doc("Largest accepted image, pixels, checked from the header before decoding")
                long maxPixels,
        @Doc(
                        "Largest accepted ratio of an image's longer to its shorter side, >= 1;"
                                + " checked from the header, wider images are rejected as"
                                + " EXTREME_ASPECT")
                double maxAspect,
        @Doc("Fail the run when more than this fraction of inputs is rejected, in [0,1]")
                double maxRejectFraction,
        @Doc("Beam runner") Runner runner,
        @Doc(
                        "Extra Beam pipeline options, each '--name=value' (e.g. --gcsEndpoint=URL,"
                                + " --targetParallelism=4, Dataflow's --project/--region)")
                List<String> beam,
        @Doc("Allow sources not licensed for redistribution (e.g. Apple emoji); local only")
                boolean privateSources,
        @Doc("Keep at most this many classes per split (first in split order); 0 keeps all")
                int maxClassesPerSplit,
        @Doc("Drop classes with fewer instances than this") int minInstancesPerClass,
        @Doc("Pinned source packages: npm 'name@version' or Debian 'name=version'")
                List<String> packages,
        @Doc("Emoji-Vendors options (dataset emoji-vendors)") EmojiOptions emoji,
        @Doc("Kanji-Fonts options (dataset kanji-fonts)") KanjiOptions kanji) {

    /** Copies the lists so the record stays immutable. */
    public DataConfig {
        beam = List.copyOf(beam);
        packages = List.copyOf(packages);
    }

    /** Dataset readers (docs/datasets.md §1). */
    public enum DatasetKind {
        /** CUB-200-2011. */
        CUB200,
        /** Stanford Cars. */
        CARS196,
        /** Stanford Online Products. */
        SOP,
        /** DeepFashion In-Shop Clothes Retrieval. */
        INSHOP,
        /** A CSV index {@code path,label[,split]}. */
        CSV,
        /** One subfolder per class. */
        FOLDER,
        /** Emoji drawings by several vendors. */
        EMOJI_VENDORS,
        /** CJK ideographs rendered in several fonts. */
        KANJI_FONTS
    }

    /** Stored image encodings. */
    public enum ImageEncoding {
        /** JPEG at {@code jpeg_quality}. */
        JPEG,
        /** Lossless PNG. */
        PNG
    }

    /** Beam runners. */
    public enum Runner {
        /** In-process DirectRunner. */
        DIRECT,
        /** Embedded local Flink cluster. */
        FLINK,
        /** Google Cloud Dataflow. */
        DATAFLOW
    }
}
