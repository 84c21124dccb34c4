"""Peer reader for pdml shards: parses a TFRecord shard with the `tfrecord` package.

Usage: python read_tfrecord.py <shard> [gzip]
Prints one JSON object per record: id, label, class text, format, height, width, split, and the
SHA-256 and length of the image bytes. The `tfrecord` package does not check CRCs, so this script
also verifies both masked CRC32Cs of every record with the `crc32c` C extension (exit 2 on a
mismatch), an implementation independent of Java's.
"""
import gzip
import hashlib
import json
import struct
import sys

import crc32c
from tfrecord.reader import example_loader


def masked(data):
    crc = crc32c.crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def check_crcs(path, compressed):
    opener = gzip.open if compressed else open
    with opener(path, "rb") as f:
        buf = f.read()
    pos = 0
    while pos < len(buf):
        header = buf[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", buf[pos + 8:pos + 12])
        data = buf[pos + 12:pos + 12 + length]
        (data_crc,) = struct.unpack("<I", buf[pos + 12 + length:pos + 16 + length])
        if length_crc != masked(header) or data_crc != masked(data):
            sys.exit(f"CRC mismatch at offset {pos} of {path}")
        pos += 16 + length


def text(record, key):
    value = record.get(key)
    return None if value is None else bytes(value).decode("utf-8")


def main():
    path = sys.argv[1]
    compressed = len(sys.argv) > 2 and sys.argv[2] == "gzip"
    check_crcs(path, compressed)
    for record in example_loader(path, None, None, compression_type="gzip" if compressed else None):
        image = bytes(record["image/encoded"])
        print(json.dumps({
            "id": text(record, "image/id"),
            "label": int(record["image/class/label"][0]),
            "text": text(record, "image/class/text"),
            "format": text(record, "image/format"),
            "height": int(record["image/height"][0]),
            "width": int(record["image/width"][0]),
            "split": text(record, "pdml/split"),
            "sha256": hashlib.sha256(image).hexdigest(),
            "length": len(image),
        }))


if __name__ == "__main__":
    main()
