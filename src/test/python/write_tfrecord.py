"""Peer writer: writes pdml-style image records with the `tfrecord` package's own writer.

Usage: python write_tfrecord.py <shard> <count>
Record i has id "py-<i>", label i % 5, and as image bytes the SHA-256 of the id repeated
(i + 1) times (so lengths differ). Prints one JSON object per record (id, label, sha256 of the
image bytes) so that the Java test compares what it reads with what was written.
"""
import hashlib
import json
import sys

from tfrecord.writer import TFRecordWriter


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    writer = TFRecordWriter(path)
    for i in range(count):
        rid = f"py-{i}"
        image = hashlib.sha256(rid.encode()).digest() * (i + 1)
        writer.write({
            "image/id": (rid.encode(), "byte"),
            "image/encoded": (image, "byte"),
            "image/format": (b"png", "byte"),
            "image/height": (8 + i, "int"),
            "image/width": (16, "int"),
            "image/class/label": (i % 5, "int"),
            "image/class/text": (f"class-{i % 5}".encode(), "byte"),
        })
        print(json.dumps({"id": rid, "label": i % 5, "sha256": hashlib.sha256(image).hexdigest()}))
    writer.close()


if __name__ == "__main__":
    main()
