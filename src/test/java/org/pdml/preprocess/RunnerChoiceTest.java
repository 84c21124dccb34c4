package org.pdml.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pdml.config.DataConfig;

class RunnerChoiceTest {

    @Test
    void directIsInEveryBuildAndBecomesBeamsRunnerOption() {
        List<String> args =
                RunnerChoice.of(DataConfig.Runner.DIRECT).pipelineArgs(List.of("--jobName=x"));
        int threads = Runtime.getRuntime().availableProcessors();
        assertThat(args)
                .containsExactly(
                        "--jobName=x", "--runner=DirectRunner", "--targetParallelism=" + threads);
        PipelineOptions o = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
        assertThat(o.getRunner().getSimpleName()).isEqualTo("DirectRunner");
        assertThat(o.getJobName()).isEqualTo("x");
        assertThat(o.as(DirectOptions.class).getTargetParallelism()).isEqualTo(threads);
    }

    @Test
    void aPassedDirectParallelismIsKept() {
        List<String> args = RunnerChoice.DIRECT.pipelineArgs(List.of("--targetParallelism=1"));
        assertThat(args).containsExactly("--targetParallelism=1", "--runner=DirectRunner");
    }

    @Test
    void flinkEitherResolvesOrNamesTheProfileToBuildWith() {
        // Which branch runs is fixed by the build: the default one lacks the Flink runner, the
        // -Pflink one (where FlinkIT runs) has it.
        if (RunnerChoice.FLINK.available()) {
            List<String> args = RunnerChoice.FLINK.pipelineArgs(List.of("--flinkMaster=[local]"));
            PipelineOptions o =
                    PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
            assertThat(o.getRunner().getSimpleName()).isEqualTo("FlinkRunner");
        } else {
            assertThatThrownBy(() -> RunnerChoice.FLINK.pipelineArgs(List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("--runner=flink")
                    .hasMessageContaining("-Pflink")
                    .hasMessageContaining("org.apache.beam.runners.flink.FlinkRunner");
        }
    }

    @Test
    void dataflowEitherResolvesOrNamesTheProfileToBuildWith() {
        // Fixed by the build as above: only -Pdataflow contains the Dataflow runner.
        if (RunnerChoice.DATAFLOW.available()) {
            List<String> args = RunnerChoice.DATAFLOW.pipelineArgs(List.of("--region=x"));
            PipelineOptions o =
                    PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
            assertThat(o.getRunner().getSimpleName()).isEqualTo("DataflowRunner");
        } else {
            assertThatThrownBy(() -> RunnerChoice.DATAFLOW.pipelineArgs(List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PDML_PROFILE=dataflow")
                    .hasMessageContaining("-Pdataflow");
        }
    }

    @Test
    void theRunnerIsChosenOnlyOnce() {
        assertThatThrownBy(
                        () -> RunnerChoice.DIRECT.pipelineArgs(List.of("--runner=DataflowRunner")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--beam=--runner=DataflowRunner");
    }

    @ParameterizedTest
    @EnumSource(DataConfig.Runner.class)
    void everyConfiguredRunnerIsAChoiceOfTheSameName(DataConfig.Runner runner) {
        assertThat(RunnerChoice.of(runner).name()).isEqualTo(runner.name());
    }
}
