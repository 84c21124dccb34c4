package org.pdml.preprocess;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;

/** Writes one group of lines, sorted and without blank lines, to {@code <folder>/<key>}. */
final class WriteLinesFn extends DoFn<KV<String, Iterable<String>>, Void> {
    private static final long serialVersionUID = 1L;

    private final String folder;

    WriteLinesFn(String folder) {
        this.folder = folder;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<String>> group) {
        List<String> lines = new ArrayList<>();
        for (String line : group.getValue()) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        Collections.sort(lines);
        ResourceId file =
                FileSystems.matchNewResource(folder, true)
                        .resolve(group.getKey(), StandardResolveOptions.RESOLVE_FILE);
        try (OutputStream out =
                Channels.newOutputStream(FileSystems.create(file, MimeTypes.TEXT))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
