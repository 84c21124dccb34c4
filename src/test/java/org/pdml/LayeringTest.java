package org.pdml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package layering of docs/architecture.md §4, enforced. */
@AnalyzeClasses(packages = "org.pdml", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /**
     * {@code util} is the bottom layer (SHA-256, deletion, JSON strings, wire names): every package
     * may use it, the JDK-only ones below included, so it must use nothing but the JDK.
     */
    @ArchTest
    static final ArchRule utilIsTheJdkOnlyBottomLayer =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.util..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages("org.pdml.util..", "java..");

    @ArchTest
    static final ArchRule mathUsesOnlyNdArrayAndJdk =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.math..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages(
                            "org.pdml.math..",
                            "org.pdml.util..",
                            "ai.djl.ndarray..",
                            "java..",
                            "javax.annotation..");

    /**
     * Autograd saves the constant of DJL 0.36's {@code mul/div/pow/maximum/minimum(Number)} while
     * DJL frees its buffer: differentiable code must use {@code Scalars} (see its javadoc).
     */
    @ArchTest
    static final ArchRule differentiableCodeUsesScalarsForConstants =
            noClasses()
                    .that()
                    .resideInAnyPackage("org.pdml.math..", "org.pdml.loss..")
                    .and()
                    .doNotHaveSimpleName("Scalars")
                    .should()
                    .callMethod(NDArray.class, "mul", Number.class)
                    .orShould()
                    .callMethod(NDArray.class, "div", Number.class)
                    .orShould()
                    .callMethod(NDArray.class, "pow", Number.class)
                    .orShould()
                    .callMethod(NDArray.class, "maximum", Number.class)
                    .orShould()
                    .callMethod(NDArray.class, "minimum", Number.class);

    @ArchTest
    static final ArchRule preprocessNeverLoadsTorch =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.preprocess..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "ai.djl..",
                            "org.pdml.model..",
                            "org.pdml.loss..",
                            "org.pdml.train..",
                            "org.pdml.eval..",
                            "org.pdml.data..");

    /**
     * Every layer, preprocessing included, draws from the run's {@code provenance.Seeds}: the
     * provenance package must stay a leaf (the config, util and the JDK; protobuf only to read its
     * version), or importing it would pull DJL or Beam into layers that must not load them.
     */
    @ArchTest
    static final ArchRule provenanceIsALeafThatEveryLayerMayImport =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.provenance..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages(
                            "org.pdml.provenance..",
                            "org.pdml.config..",
                            "org.pdml.util..",
                            "java..",
                            "com.google.protobuf");

    /**
     * Beam stays in {@code preprocess}: besides the composition root, only the pipeline's
     * preprocess node drives it, through {@code Preprocessor} and {@code PreprocessRequest}.
     */
    @ArchTest
    static final ArchRule onlyAppAndThePreprocessNodeImportPreprocess =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("org.pdml.app..", "org.pdml.preprocess..")
                    .and()
                    .doNotHaveFullyQualifiedName("org.pdml.pipeline.PreprocessNode")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.pdml.preprocess..");

    @ArchTest
    static final ArchRule onlyTrackingMlflowImportsMlflow =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.pdml.tracking.mlflow..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.mlflow..");

    @ArchTest
    static final ArchRule generatedProtosStayOutOfTheMathCore =
            noClasses()
                    .that()
                    .resideInAnyPackage("org.pdml.math..", "org.pdml.model..", "org.pdml.loss..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("org.pdml.records.proto..", "org.pdml.artifacts.proto..");

    @ArchTest
    static final ArchRule metricsArePureJdk =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.eval.metrics..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages(
                            "org.pdml.eval.metrics..", "org.pdml.util..", "java..");

    @ArchTest
    static final ArchRule trackingCoreIsJdkOnly =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.tracking")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages(
                            "org.pdml.tracking",
                            "org.pdml.util..",
                            "java..",
                            // the JDK's own jdk.management module (process CPU, physical memory)
                            "com.sun.management..");

    @ArchTest
    static final ArchRule nothingDependsOnTheCompositionRoot =
            noClasses()
                    .that()
                    .resideOutsideOfPackage("org.pdml.app..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.pdml.app..");

    @ArchTest
    static final ArchRule pipelineDrivesStagesWithoutBeamOrMlflow =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.pipeline..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.beam..", "org.mlflow..", "org.pdml.tracking.mlflow..");

    @ArchTest
    static final ArchRule onlyAppRunsThePipeline =
            noClasses()
                    .that()
                    .resideOutsideOfPackages("org.pdml.app..", "org.pdml.pipeline..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.pdml.pipeline..");

    @ArchTest
    static final ArchRule venvsAreJdkOnly =
            noClasses()
                    .that()
                    .resideInAPackage("org.pdml.venv..")
                    .should()
                    .dependOnClassesThat()
                    .resideOutsideOfPackages("org.pdml.venv..", "org.pdml.util..", "java..");

    /** What {@code pipeline} drives: the stages and every layer below them. */
    private static final String[] STAGES = {
        "preprocess", "train", "eval", "scoring", "data", "loss", "model", "math", "tracking"
    };

    /**
     * {@code layers} plus the layers of files, config and seeds that every layer from {@code data}
     * up may use: records, artifacts, config, provenance and util.
     */
    private static String[] withFiles(String... layers) {
        return and(layers, "records", "artifacts", "config", "provenance", "util");
    }

    private static String[] and(String[] layers, String... more) {
        return java.util.stream.Stream.concat(
                        java.util.Arrays.stream(layers), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    /**
     * The direction of docs/architecture.md §4, layer by layer: each layer names every layer it may
     * use (libraries are checked by the rules above). An empty layer fails, so a misspelt package
     * cannot pass.
     */
    @ArchTest
    static final ArchRule layersPointOneWay =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .layer("util")
                    .definedBy("org.pdml.util..")
                    .layer("venv")
                    .definedBy("org.pdml.venv..")
                    .layer("config")
                    .definedBy("org.pdml.config..")
                    .layer("provenance")
                    .definedBy("org.pdml.provenance..")
                    .layer("records")
                    .definedBy("org.pdml.records..")
                    .layer("artifacts")
                    .definedBy("org.pdml.artifacts..")
                    .layer("tracking")
                    .definedBy("org.pdml.tracking")
                    .layer("tracking.mlflow")
                    .definedBy("org.pdml.tracking.mlflow..")
                    .layer("math")
                    .definedBy("org.pdml.math..")
                    .layer("model")
                    .definedBy("org.pdml.model..")
                    .layer("loss")
                    .definedBy("org.pdml.loss..")
                    .layer("data")
                    .definedBy("org.pdml.data..")
                    .layer("scoring")
                    .definedBy("org.pdml.eval.metrics..", "org.pdml.eval.retrieval..")
                    .layer("eval")
                    .definedBy("org.pdml.eval")
                    .layer("train")
                    .definedBy("org.pdml.train..")
                    .layer("preprocess")
                    .definedBy("org.pdml.preprocess..")
                    .layer("pipeline")
                    .definedBy("org.pdml.pipeline..")
                    .layer("app")
                    .definedBy("org.pdml.app..")
                    .whereLayer("util")
                    .mayNotAccessAnyLayer()
                    .whereLayer("venv")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("config")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("provenance")
                    .mayOnlyAccessLayers("config", "util")
                    .whereLayer("records")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("artifacts")
                    .mayOnlyAccessLayers("records", "util")
                    .whereLayer("tracking")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("tracking.mlflow")
                    .mayOnlyAccessLayers("tracking", "venv", "util")
                    .whereLayer("math")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("model")
                    .mayOnlyAccessLayers("math", "config", "provenance", "venv", "util")
                    .whereLayer("loss")
                    .mayOnlyAccessLayers("math", "model", "config", "provenance", "util")
                    .whereLayer("data")
                    .mayOnlyAccessLayers(withFiles())
                    .whereLayer("scoring")
                    .mayOnlyAccessLayers("util")
                    .whereLayer("eval")
                    .mayOnlyAccessLayers(withFiles("scoring", "data", "model", "math"))
                    .whereLayer("train")
                    .mayOnlyAccessLayers(
                            withFiles("scoring", "data", "loss", "model", "math", "tracking"))
                    .whereLayer("preprocess")
                    .mayOnlyAccessLayers(withFiles())
                    .whereLayer("pipeline")
                    .mayOnlyAccessLayers(withFiles(STAGES))
                    .whereLayer("app")
                    .mayOnlyAccessLayers(
                            withFiles(and(STAGES, "pipeline", "tracking.mlflow", "venv")));

    /** No two top-level packages use each other, directly or through others. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("org.pdml.(*)..").should().beFreeOfCycles();
}
