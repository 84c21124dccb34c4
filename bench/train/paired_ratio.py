"""Images/s per window and the pdml / torch ratio of each pair, from bench/train/paired.sh's files.

A window's rate is (completions inside it - 1) * 64 / (last completion - first completion): the
first completion after a resume closes a step that straddled the pause, so the interval starts
there. Prints one CSV row per pair and the median ratio.
"""
import csv
import pathlib
import statistics
import sys

BATCH = 64


def completions(path):
    out = []
    for line in pathlib.Path(path).read_text().splitlines():
        if line.startswith("done,"):
            out.append(int(line.split(",")[1]))
    return out


def rate(times, start, end):
    inside = [t for t in times if start <= t <= end]
    if len(inside) < 3:
        return float("nan")
    return (len(inside) - 1) * BATCH / ((inside[-1] - inside[0]) / 1e6)


def main():
    folder = pathlib.Path(sys.argv[1])
    done = {side: completions(folder / f"{side}.txt") for side in ("pdml", "torch")}
    windows = {}
    with open(folder / "windows.csv") as f:
        for w, side, start, end in csv.reader(f):
            windows.setdefault(int(w), {})[side] = rate(done[side], int(start), int(end))
    print("window,pdml_img_per_s,torch_img_per_s,ratio")
    ratios = []
    for w in sorted(windows):
        p, t = windows[w]["pdml"], windows[w]["torch"]
        ratios.append(p / t)
        print(f"{w},{p:.1f},{t:.1f},{p / t:.3f}")
    ok = [r for r in ratios if r == r]
    print(f"median ratio over {len(ok)} pairs: {statistics.median(ok):.3f}"
          f" (min {min(ok):.3f}, max {max(ok):.3f})")


if __name__ == "__main__":
    main()
