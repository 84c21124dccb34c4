"""The baseline of bench/loader: torchvision's standard training input pipeline on the same JPEG
bytes as LoaderBench, in one process with one thread (a DataLoader worker's loop):
PIL decode -> RandomResizedCrop(SIDE) (scale (0.08, 1), ratio (3/4, 4/3), bilinear, antialias)
-> RandomHorizontalFlip(0.5) -> float CHW in [0, 1] -> Normalize(ImageNet) -> stack into batches
of 64. Usage: torchvision_loader.py DUMP SIDE ROUNDS. Prints CSV rows like LoaderBench's
(impl,workers,images_per_s,images_per_cpu_s), the median of ROUNDS epochs after one untimed epoch,
then the PIL decode alone (torchvision-decode-only).
"""
import io
import statistics
import struct
import sys
import time

import torch
import torchvision
from PIL import Image
from torchvision.transforms import v2

BATCH = 64


def load(path):
    out = []
    with open(path, "rb") as f:
        while header := f.read(4):
            (n,) = struct.unpack(">i", header)
            out.append(f.read(n))
    return out


def epoch(encoded, transform):
    start, cpu, images = time.perf_counter(), time.process_time(), 0
    for first in range(0, len(encoded) - BATCH + 1, BATCH):
        batch = [transform(Image.open(io.BytesIO(b)).convert("RGB")) for b in encoded[first:first + BATCH]]
        images += torch.stack(batch).shape[0]
    return images / (time.perf_counter() - start), images / (time.process_time() - cpu)


def main():
    encoded, side, rounds = load(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    transform = v2.Compose([
        v2.RandomResizedCrop(side, antialias=True),
        v2.RandomHorizontalFlip(0.5),
        v2.PILToTensor(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ])
    print(f"torchvision,{torchvision.__version__},torch,{torch.__version__}", file=sys.stderr)
    epoch(encoded, transform)
    rates = [epoch(encoded, transform) for _ in range(rounds)]
    wall = statistics.median(r[0] for r in rates)
    cpu = statistics.median(r[1] for r in rates)
    print(f"torchvision,1,{wall:.1f},{cpu:.1f}")
    decode = statistics.median(decode_only(encoded) for _ in range(rounds))
    print(f"torchvision-decode-only,1,{decode:.1f},-")


def decode_only(encoded):
    start = time.perf_counter()
    for b in encoded:
        Image.open(io.BytesIO(b)).convert("RGB")
    return len(encoded) / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
