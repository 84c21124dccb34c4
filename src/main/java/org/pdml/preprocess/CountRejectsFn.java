package org.pdml.preprocess;

import org.apache.beam.sdk.transforms.DoFn;

/**
 * Passes rejects through and counts each under its reason (for rejects made before the pipeline).
 */
final class CountRejectsFn extends DoFn<Reject, Reject> {
    private static final long serialVersionUID = 1L;

    private transient LiveProgress live;

    @StartBundle
    public void startBundle(StartBundleContext c) {
        live = LiveProgress.of(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element Reject reject, OutputReceiver<Reject> out) {
        RejectCounters.counter(reject.reason()).inc();
        live.entryRejected();
        out.output(reject);
    }
}
