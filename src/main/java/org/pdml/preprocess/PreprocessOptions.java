package org.pdml.preprocess;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of the preprocessing pipeline. Paths are local folders or {@code gs://} prefixes. The
 * runner is chosen with Beam's own {@code --runner} (DirectRunner by default; FlinkRunner with
 * {@code --flinkMaster=[local]} under the {@code flink} profile; DataflowRunner with {@code
 * --project --region --tempLocation=gs://…}).
 */
public interface PreprocessOptions extends PipelineOptions {

    /**
     * @return the dataset name recorded in the manifest
     */
    @Description("Dataset name recorded in the manifest, e.g. cub200 or emoji-vendors.")
    @Validation.Required
    String getDataset();

    /**
     * @param value the dataset name
     */
    void setDataset(String value);

    /**
     * @return the dataset root that index paths are relative to
     */
    @Description("Dataset root folder (local or gs://) that index paths are relative to.")
    @Validation.Required
    String getSource();

    /**
     * @param value the dataset root
     */
    void setSource(String value);

    /**
     * @return the examples folder
     */
    @Description(
            "Output examples folder (local or gs://): <split>/part-*.tfrecord, rejects.jsonl, manifest.json.")
    @Validation.Required
    String getOutput();

    /**
     * @param value the examples folder
     */
    void setOutput(String value);

    /**
     * @return the shorter side after resizing, pixels
     */
    @Description("Shorter side of the stored images after resizing, in pixels.")
    @Default.Integer(256)
    int getImageSize();

    /**
     * @param value the shorter side, > 0
     */
    void setImageSize(int value);

    /**
     * @return "jpeg" or "png"
     */
    @Description("Stored image encoding: jpeg or png.")
    @Default.String("jpeg")
    String getEncoding();

    /**
     * @param value "jpeg" or "png"
     */
    void setEncoding(String value);

    /**
     * @return JPEG quality in [1, 100]
     */
    @Description("JPEG quality in [1, 100] (ignored for png).")
    @Default.Integer(90)
    int getJpegQuality();

    /**
     * @param value quality
     */
    void setJpegQuality(int value);

    /**
     * @return shards per split
     */
    @Description(
            "Number of TFRecord shards per split; a shard is the unit of parallel work (one worker reads,"
                    + " decodes and writes its images in id order), so use a few per core.")
    @Default.Integer(4)
    int getNumShards();

    /**
     * @param value shards per split, >= 1
     */
    void setNumShards(int value);

    /**
     * @return largest accepted width × height
     */
    @Description(
            "Largest accepted width x height read from the header; larger images are rejected before decoding.")
    @Default.Long(100_000_000L)
    long getMaxPixels();

    /**
     * @param value the pixel limit
     */
    void setMaxPixels(long value);

    /**
     * @return the largest accepted ratio of the longer to the shorter side
     */
    @Description(
            "Largest accepted ratio of the longer to the shorter side, read from the header; wider images are rejected before decoding.")
    @Default.Double(20)
    double getMaxAspect();

    /**
     * @param value the aspect-ratio limit, >= 1
     */
    void setMaxAspect(double value);

    /**
     * @return background colour "#RRGGBB" for alpha
     */
    @Description("Background colour that transparent pixels are composited onto, #RRGGBB.")
    @Default.String("#FFFFFF")
    String getBackground();

    /**
     * @param value "#RRGGBB"
     */
    void setBackground(String value);

    /**
     * @return the largest tolerated fraction of rejected entries
     */
    @Description("Fail the run when rejected / index entries exceeds this fraction.")
    @Default.Double(0.01)
    double getMaxRejectFraction();

    /**
     * @param value a fraction in [0, 1]
     */
    void setMaxRejectFraction(double value);

    /**
     * @return whether a non-empty output may be replaced
     */
    @Description("Replace an existing examples folder (only files pdml writes are deleted).")
    @Default.Boolean(false)
    boolean getOverwrite();

    /**
     * @param value true to allow replacing
     */
    void setOverwrite(boolean value);

    /**
     * @return the validation fraction carved from the training classes
     */
    @Description(
            "Fraction of training classes moved to the validation split (seeded, class-disjoint).")
    @Default.Double(0.0)
    double getValFraction();

    /**
     * @param value fraction in [0, 1)
     */
    void setValFraction(double value);

    /**
     * @return the root seed; the validation carve drew from its {@code data.split} stream
     */
    @Description("Root seed; the validation carve draws from its data.split stream.")
    @Default.Long(0L)
    long getSeed();

    /**
     * @param value the seed
     */
    void setSeed(long value);
}
