package org.pdml.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Dockerfiles under {@code infra/docker} match the build: each names one build command per
 * image in its header; each jar it copies is the one that command's Maven profiles write (read from
 * {@code pom.xml}); {@code .dockerignore} keeps every COPY source in the build context and
 * everything else out, checked with Docker's own matching rules ({@link DockerIgnore}, itself
 * checked against the examples of Docker's documentation).
 */
class DockerImagesTest {
    private static final Path DOCKER = Path.of("infra", "docker");
    private static final Map<String, String> OUTSIDE = Map.of("PATH", "/usr/bin:/bin");

    static List<DockerfileSpec> dockerfiles() throws IOException {
        try (Stream<Path> s = Files.list(DOCKER)) {
            return s.filter(p -> p.getFileName().toString().startsWith("Dockerfile."))
                    .sorted()
                    .map(DockerfileSpec::read)
                    .toList();
        }
    }

    @Test
    void everyImageHasOneBuildCommandInItsDockerfilesHeader() throws IOException {
        List<String> tags = new ArrayList<>();
        for (DockerfileSpec d : dockerfiles()) {
            assertThat(d.builds()).as(d.file() + " names its build commands").isNotEmpty();
            for (DockerfileSpec.BuildCommand b : d.builds()) {
                assertThat(Path.of(b.dockerfile())).as(b.tag()).isEqualTo(d.file());
                tags.add(b.tag());
            }
        }
        assertThat(tags)
                .containsExactlyInAnyOrder(
                        "pdml:cpu", "pdml:cpu-dataflow", "pdml:cuda", "pdml:mlflow");
    }

    @Test
    void eachCopiedJarIsTheOneItsBuildCommandsProfilesWrite() throws Exception {
        Map<String, String> dirs = profileDirectories();
        int jars = 0;
        for (DockerfileSpec d : dockerfiles()) {
            for (DockerfileSpec.BuildCommand b : d.builds()) {
                for (DockerfileSpec.Copy c : d.image(b.buildArgs(), OUTSIDE).copies()) {
                    for (String src : c.sources()) {
                        if (src.startsWith("target/")) {
                            assertThat(b.profiles())
                                    .as(b.tag() + " builds the jar")
                                    .contains("dist");
                            assertThat(src).as(b.tag()).isEqualTo(jarOf(b.profiles(), dirs));
                            jars++;
                        } else {
                            assertThat(Path.of(src)).as(b.tag() + " copies " + src).exists();
                        }
                    }
                }
            }
        }
        assertThat(jars).as("pdml:cpu, pdml:cpu-dataflow and pdml:cuda copy a jar").isEqualTo(3);
    }

    @Test
    void theCpuImagesCarryTheRunnerTheirWorkflowsName() throws IOException {
        DockerfileSpec cpu = DockerfileSpec.read(DOCKER.resolve("Dockerfile.cpu"));
        assertThat(cpu.build("pdml:cpu").profiles()).contains("flink");
        assertThat(cpu.build("pdml:cpu-dataflow").profiles()).contains("dataflow");
        DockerfileSpec cuda = DockerfileSpec.read(DOCKER.resolve("Dockerfile.cuda"));
        assertThat(cuda.image(Map.of(), OUTSIDE).env())
                .containsEntry("PDML_LIBTORCH", "pip")
                .containsEntry("PDML_TORCH_VENV", "/opt/pdml/torch-venv");
    }

    @Test
    void theBuildContextHoldsWhatTheImagesCopyAndNothingLarge() throws IOException {
        DockerIgnore ignore = DockerIgnore.parse(RepoFiles.read(Path.of(".dockerignore")));
        Set<String> sources = new TreeSet<>();
        for (DockerfileSpec d : dockerfiles()) {
            for (DockerfileSpec.BuildCommand b : d.builds()) {
                d.image(b.buildArgs(), OUTSIDE).copies().forEach(c -> sources.addAll(c.sources()));
            }
        }
        assertThat(sources).contains("configs", "target/flink/pdml.jar");
        for (String src : sources) {
            assertThat(ignore.excludes(src)).as(src + " is in the build context").isFalse();
            if (Files.isDirectory(Path.of(src))) {
                try (Stream<Path> files = Files.walk(Path.of(src))) {
                    files.map(Path::toString)
                            .forEach(f -> assertThat(ignore.excludes(f)).as(f).isFalse());
                }
            }
        }
        for (String large :
                List.of(
                        ".git/objects/pack/x.pack",
                        ".cache/torch-venv/lib/python3.11/site-packages/torch/lib/libtorch.so",
                        ".cache/datasets/cub/x.jpg",
                        "runs/smoke/x/model/params.bin",
                        "mlruns/0/meta.yaml",
                        "target/classes/org/pdml/app/Main.class",
                        "target/pdml-0.1.0-SNAPSHOT.jar",
                        "target/pdml.jar",
                        "target/flink/classes/org/pdml/app/Main.class",
                        "target/flink/pdml-0.1.0-SNAPSHOT.jar",
                        "target/dataflow/lib/beam.jar",
                        "src/main/java/org/pdml/app/Main.java",
                        "bench/train/run.sh",
                        "pom.xml")) {
            assertThat(ignore.excludes(large)).as(large + " is left out").isTrue();
        }
    }

    @Test
    void dockerIgnoreMatchesLikeDocker() {
        // The examples of Docker's .dockerignore documentation.
        DockerIgnore docs = DockerIgnore.parse("# comment\n*/temp*\n*/*/temp*\ntemp?\n");
        assertThat(docs.excludes("somedir/temporary.txt")).isTrue();
        assertThat(docs.excludes("somedir/temp")).isTrue();
        assertThat(docs.excludes("somedir/subdir/temporary.txt")).isTrue();
        assertThat(docs.excludes("tempa")).isTrue();
        assertThat(docs.excludes("tempb")).isTrue();
        assertThat(docs.excludes("temporary.txt")).isFalse();
        assertThat(docs.excludes("tempab")).isFalse();
        assertThat(docs.excludes("a/b/c/temp.txt")).isFalse();
        DockerIgnore md = DockerIgnore.parse("*.md\n!README*.md\nREADME-secret.md\n");
        assertThat(md.excludes("CHANGES.md")).isTrue();
        assertThat(md.excludes("README.md")).isFalse();
        assertThat(md.excludes("README-secret.md")).isTrue();
        DockerIgnore go = DockerIgnore.parse("**/*.go\n/foo/../bar\n");
        assertThat(go.excludes("main.go")).isTrue();
        assertThat(go.excludes("a/b/c.go")).isTrue();
        assertThat(go.excludes("bar/x.txt")).as("/foo/../bar is cleaned to bar").isTrue();
        assertThat(go.excludes("foo/bar")).isFalse();
        // a folder's exclusion covers its files, and a later exception brings one back
        DockerIgnore folder = DockerIgnore.parse("target\n!target/flink/pdml.jar\n");
        assertThat(folder.excludes("target/flink/other.jar")).isTrue();
        assertThat(folder.excludes("target/flink/pdml.jar")).isFalse();
        assertThat(DockerIgnore.compile("a.b[cd]\\*").matcher("a.bd*").matches()).isTrue();
        assertThat(DockerIgnore.compile("a.b").matcher("axb").matches()).isFalse();
    }

    /**
     * The jar that {@code -P<profiles>} writes: {@code <directory>/<finalName>.jar} of the last
     * named profile that sets a build directory (else {@code target}), with the dist profile's
     * shade {@code finalName}.
     */
    private static String jarOf(List<String> profiles, Map<String, String> dirs) {
        String dir = "target";
        for (Map.Entry<String, String> e : dirs.entrySet()) {
            if (profiles.contains(e.getKey()) && !e.getValue().isEmpty()) {
                dir = e.getValue();
            }
        }
        return dir + "/" + dirs.get("dist.finalName") + ".jar";
    }

    /** Profile id → its {@code build/directory} relative to the root, in pom order. */
    private static Map<String, String> profileDirectories() throws Exception {
        Document pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Path.of("pom.xml").toFile());
        Map<String, String> dirs = new LinkedHashMap<>();
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            String id = text(p, "id");
            dirs.put(id, text(p, "directory").replace("${project.basedir}/", ""));
            if (id.equals("dist")) {
                dirs.put("dist.finalName", text(p, "finalName"));
            }
        }
        assertThat(dirs.get("dist.finalName"))
                .as("the dist profile's shaded jar name")
                .isNotEmpty();
        return dirs;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }
}
