package org.pdml.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.pdml.config.InputPaths;
import org.pdml.config.PdmlConfig;
import org.pdml.pipeline.CodeIdentity;
import org.pdml.pipeline.PipelineRunner;
import org.pdml.pipeline.PreprocessNode;
import org.pdml.pipeline.RunFolder;
import org.pdml.pipeline.RunsRootLock;
import org.pdml.pipeline.StageStore;
import org.pdml.provenance.Seeds;

/**
 * {@code pdml preprocess --config}: the examples it writes to a local {@code data.output} are
 * committed to the stage store of the config's {@code runs_root} under the preprocess stage's
 * fingerprint, so that {@code pdml run} with the same config and overrides reuses them instead of
 * preprocessing again. That is how a scheduled retraining preprocesses once, in its Beam step, and
 * trains on those examples in its GPU step (pipelines/). A {@code gs://} output is not recorded:
 * {@code pdml run} copies such an output into its own stage folder when it first needs it.
 */
final class RecordedPreprocess {
    private RecordedPreprocess() {}

    /**
     * Runs the preprocessing, recording a local output in the stage store.
     *
     * @param config the resolved config the preprocessing was built from
     * @param command runs the preprocessing, returning its exit status
     * @param console receives the line naming the record
     * @return the command's exit status
     * @throws Exception what the command or the record throws
     */
    static int call(PdmlConfig config, PipelineRunner.StandAlone command, PrintWriter console)
            throws Exception {
        if (InputPaths.isRemote(config.data().output())) {
            return command.call();
        }
        // Why the shared lock: pdml prune must not remove the record while it is being written.
        RunsRootLock lock = RunsRootLock.shared(Path.of(config.runsRoot()));
        try {
            PipelineRunner runner =
                    new PipelineRunner(
                            new StageStore(RunFolder.storeRoot(config), Clock.systemUTC()),
                            console,
                            CodeIdentity.ofRunningBuild(),
                            false);
            return runner.standAlone(new PreprocessNode(config, new Seeds(config.seed())), command);
        } finally {
            lock.close();
        }
    }
}
