package org.pdml.config;

/**
 * Training: epochs, class-balanced batches, optimiser, schedule, loading and checkpoints
 * (docs/method.md §3). An epoch is ⌊N_train / batch_size⌋ batches of {@code batch_size /
 * samples_per_class} classes with {@code samples_per_class} images each.
 *
 * @param epochs number of epochs
 * @param batchSize B, images per batch
 * @param samplesPerClass m, images per class in a batch
 * @param inputSize training crop side, pixels
 * @param optimizer optimiser and parameter groups
 * @param schedule learning-rate schedule
 * @param gradClip global gradient-norm clip, 0 for none
 * @param earlyStopping model selection and early stopping
 * @param numWorkers decoding / augmentation threads
 * @param prefetch batches decoded ahead
 * @param augmentation train and eval transforms
 * @param checkpointEvery epochs between "latest" checkpoints
 * @param device compute device: {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} (see
 *     {@link DeviceRequest})
 */
public record TrainConfig(
        @Doc("Number of training epochs; 0 exports the untrained network (the baseline)")
                int epochs,
        @Doc("B, images per batch (a multiple of samples_per_class)") int batchSize,
        @Doc("m, images per class in a batch") int samplesPerClass,
        @Doc("Training crop side, pixels") int inputSize,
        @Doc("Optimiser and per-group rates") OptimizerConfig optimizer,
        @Doc("Learning-rate schedule") ScheduleConfig schedule,
        @Doc("Clip the global gradient L2 norm to this value; 0 disables clipping") double gradClip,
        @Doc("Model selection on validation classes, and early stopping")
                EarlyStoppingConfig earlyStopping,
        @Doc("Decoding and augmentation threads") int numWorkers,
        @Doc("Batches decoded ahead of the training step") int prefetch,
        @Doc("Training and evaluation image transforms") AugmentationConfig augmentation,
        @Doc("Write the 'latest' checkpoint every this many epochs") int checkpointEvery,
        @Doc(
                        "Compute device for training and evaluation: auto (GPU 0 if the engine"
                                + " sees one, else CPU), cpu, cuda or cuda:N (fails without a"
                                + " usable GPU)")
                String device) {

    /**
     * The parsed device request.
     *
     * @return the request ({@link ConfigValidator} has checked the syntax)
     */
    public DeviceRequest deviceRequest() {
        return DeviceRequest.parse(device);
    }
}
