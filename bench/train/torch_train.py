"""PyTorch eager training step, the same networks and loss as bench/train/TrainBench.java:
small CNN (3x [conv3x3 no bias, BN, ReLU], max-pools after the first two, global average pool;
widths 32/64/128), ResNet-18 or ResNet-50 (torchvision layout, written out here: torchvision is
not in the venv), linear head to D = 64, EL-nivMF loss (S = 5, paper-approx normaliser, w_g = 0;
the vectorised version of bench/loss/torch_bench.py), Adam. Batch 64, 2 CPU threads.
Usage: torch_train.py CLASSES REPS [DEVICE [BACKBONES [SIDE]]] (REPS = 0: the endless step stream of
bench/train/paired.sh, one backbone): DEVICE cpu (default) or cuda:N,
BACKBONES comma-separated (default small-cnn,resnet18), SIDE the input size (default 32). On a GPU
each timed step ends with torch.cuda.synchronize(), as pdml's step ends reading the loss. Prints
CSV rows impl,what,backbone,images_per_s,images_per_cpu_s (per wall second and per process-CPU
second; medians over REPS steps).
"""
import pathlib
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "loss"))
import torch_bench  # noqa: E402  (the loss, B = 64, S = 5)

B, D = 64, 64


def conv_bn(cin, cout, k, stride, pad, relu=True):
    layers = [nn.Conv2d(cin, cout, k, stride, pad, bias=False), nn.BatchNorm2d(cout)]
    return nn.Sequential(*layers, nn.ReLU()) if relu else nn.Sequential(*layers)


def small_cnn():
    return nn.Sequential(conv_bn(3, 32, 3, 1, 1), nn.MaxPool2d(2, 2), conv_bn(32, 64, 3, 1, 1),
                         nn.MaxPool2d(2, 2), conv_bn(64, 128, 3, 1, 1),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten()), 128


class Basic(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.body = nn.Sequential(conv_bn(cin, width, 3, stride, 1),
                                  conv_bn(width, width, 3, 1, 1, relu=False))
        self.skip = (conv_bn(cin, width, 1, stride, 0, relu=False)
                     if stride != 1 or cin != width else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.skip(x))


def resnet18():
    layers = [conv_bn(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, width in enumerate((64, 128, 256, 512)):
        for unit in range(2):
            layers.append(Basic(cin, width, 2 if stage > 0 and unit == 0 else 1))
            cin = width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten()), 512


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        self.body = nn.Sequential(conv_bn(cin, width, 1, 1, 0), conv_bn(width, width, 3, stride, 1),
                                  conv_bn(width, 4 * width, 1, 1, 0, relu=False))
        self.skip = (conv_bn(cin, 4 * width, 1, stride, 0, relu=False)
                     if stride != 1 or cin != 4 * width else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.skip(x))


def resnet50():
    layers = [conv_bn(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, (width, units) in enumerate(((64, 3), (128, 4), (256, 6), (512, 3))):
        for unit in range(units):
            layers.append(Bottleneck(cin, width, 2 if stage > 0 and unit == 0 else 1))
            cin = 4 * width
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten()), cin


BUILDS = {"small-cnn": small_cnn, "resnet18": resnet18, "resnet50": resnet50}
WARMUP_STEPS = 10
WARMUP_SECONDS = 20.0


def step_rate(build, classes, reps, device, side):
    torch.manual_seed(0)
    backbone, features = build()
    backbone, head = backbone.to(device), nn.Linear(features, D).to(device)
    v = nn.Parameter(torch.randn(classes, D, device=device))
    kappa = nn.Parameter(torch.full((classes, D), 10.0, device=device))
    t = nn.Parameter(torch.tensor([0.1], device=device))
    params = list(backbone.parameters()) + list(head.parameters()) + [v, kappa, t]
    opt = torch.optim.Adam(params, lr=1e-3)
    x = torch.randn(B, 3, side, side, device=device)
    y = (torch.arange(B, device=device) // 2) % classes
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    def step():
        opt.zero_grad()
        torch_bench.loss_vectorised(head(backbone(x)), v, kappa, t, y).backward()
        opt.step()
        sync()

    # Untimed warm-up as TrainBench: at least WARMUP_STEPS steps for at least WARMUP_SECONDS.
    warm, warm_until = 0, time.perf_counter() + WARMUP_SECONDS
    while warm < WARMUP_STEPS or time.perf_counter() < warm_until:
        step()
        warm += 1
    rates, cpu_rates = [], []
    if reps == 0:  # bench/train/paired.sh: an endless stream of steps, one line each
        print(f"ready,{warm}", flush=True)
        while True:
            step()
            print(f"done,{int(time.time() * 1e6)}", flush=True)
    for _ in range(reps):
        start, cpu = time.perf_counter(), time.process_time()
        step()
        rates.append(B / (time.perf_counter() - start))
        cpu_rates.append(B / (time.process_time() - cpu))
    return statistics.median(rates), statistics.median(cpu_rates), warm


def main():
    classes = int(sys.argv[1])
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    device = torch.device(sys.argv[3] if len(sys.argv) > 3 else "cpu")
    names = (sys.argv[4] if len(sys.argv) > 4 else "small-cnn,resnet18").split(",")
    side = int(sys.argv[5]) if len(sys.argv) > 5 else 32
    torch.set_num_threads(2)
    print("impl,what,backbone,images_per_s,images_per_cpu_s")
    for name in names:
        wall, cpu, warm = step_rate(BUILDS[name], classes, reps, device, side)
        print(f"torch-eager,step,{name},{wall:.1f},{cpu:.1f}", flush=True)
        print(f"torch-warmup-steps,{warm}", flush=True)


if __name__ == "__main__":
    main()
