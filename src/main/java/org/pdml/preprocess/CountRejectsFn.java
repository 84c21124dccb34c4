package org.pdml.preprocess;

import org.apache.beam.sdk.transforms.DoFn;

/**
 * Passes rejects through and counts each under its reason (for rejects made before the pipeline).
 */
final class CountRejectsFn extends DoFn<Reject, Reject> {
    private static final long serialVersionUID = 1L;

    @ProcessElement
    public void process(@Element Reject reject, OutputReceiver<Reject> out) {
        RejectCounters.counter(reject.reason()).inc();
        out.output(reject);
    }
}
