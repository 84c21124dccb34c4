package org.pdml.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.pdml.preprocess.image.RejectReason;
import org.pdml.preprocess.index.IndexEntry;
import org.pdml.preprocess.index.Role;
import org.pdml.preprocess.index.Split;

/** Deterministic Beam coders for the stage's element types. */
public final class PreprocessCoders {
    private static final Coder<String> STRING = StringUtf8Coder.of();
    private static final Coder<Integer> INT = VarIntCoder.of();

    private PreprocessCoders() {}

    /**
     * Returns the coder for index entries (fields in declaration order).
     *
     * @return a deterministic coder
     */
    public static Coder<IndexEntry> indexEntry() {
        return IndexEntryCoder.INSTANCE;
    }

    /**
     * Returns the coder for rejects.
     *
     * @return a deterministic coder
     */
    public static Coder<Reject> reject() {
        return RejectCoder.INSTANCE;
    }

    private static final class IndexEntryCoder extends AtomicCoder<IndexEntry> {
        private static final long serialVersionUID = 1L;
        static final IndexEntryCoder INSTANCE = new IndexEntryCoder();

        @Override
        public void encode(IndexEntry e, OutputStream out) throws IOException {
            STRING.encode(e.id(), out);
            STRING.encode(e.path(), out);
            INT.encode(e.label(), out);
            STRING.encode(e.className(), out);
            STRING.encode(e.split().name(), out);
            STRING.encode(e.role().name(), out);
        }

        @Override
        public IndexEntry decode(InputStream in) throws IOException {
            return new IndexEntry(
                    STRING.decode(in),
                    STRING.decode(in),
                    INT.decode(in),
                    STRING.decode(in),
                    Split.valueOf(STRING.decode(in)),
                    Role.valueOf(STRING.decode(in)));
        }

        @Override
        public void verifyDeterministic() {}
    }

    private static final class RejectCoder extends AtomicCoder<Reject> {
        private static final long serialVersionUID = 1L;
        static final RejectCoder INSTANCE = new RejectCoder();

        @Override
        public void encode(Reject r, OutputStream out) throws IOException {
            STRING.encode(r.path(), out);
            STRING.encode(r.id(), out);
            STRING.encode(r.reason().name(), out);
            STRING.encode(r.message(), out);
        }

        @Override
        public Reject decode(InputStream in) throws IOException {
            return new Reject(
                    STRING.decode(in),
                    STRING.decode(in),
                    RejectReason.valueOf(STRING.decode(in)),
                    STRING.decode(in));
        }

        @Override
        public void verifyDeterministic() {}
    }
}
