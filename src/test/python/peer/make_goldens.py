"""Peer goldens for pdml's retrieval, clustering and calibration metrics.

Steps, driven by make_goldens.sh:

  import    copies the first --classes classes of a real embedding folder written by pdml
            (e.g. <run>/eval/embeddings of the quickstart model) into
            src/test/resources/golden/peer/emoji-vendors-quickstart/ (kept small);

  generate  writes the deterministic synthetic embedding sets (seeded clustered gaussians,
            with classes of size 1, exact duplicates and a disjoint query/gallery set) into
            src/test/resources/golden/peer/<name>/ as embeddings.npy, labels.npy, ids.txt
            [, roles.npy];
  score     for any embedding folder that also holds pdml's k-means ids (clusters.npy, written
            by `pdml metrics`), writes golden.json with the peer values:
              - precision_at_1, r_precision, mean_average_precision_at_r from
                pytorch-metric-learning's AccuracyCalculator (k="max_bin_count", self excluded,
                avg_of_avgs=False, i.e. a plain mean over non-lone queries), on L2-normalised
                embeddings with a faiss IndexFlatIP (cosine) kNN;
              - nmi: scikit-learn normalized_mutual_info_score(labels, clusters) (arithmetic);
              - clustering_f1: pairwise F1 from scikit-learn's pair_confusion_matrix(labels,
                clusters), 2 C11 / (2 C11 + C01 + C10);
              - recall_at_k (any of the k nearest has the label) from a faiss IndexFlatIP search;
              - auroc_kappa: scikit-learn roc_auc_score(R@1 correct, ||z||) over non-lone queries;
              - ece_vote / brier_vote: 15 equal-width (lo, hi] bins over the 10-NN vote
                probability, written out in numpy (pdml's definition, independent code).

Rows with role 0 (both) are not supported in query/gallery sets: PML needs either all-vs-all or
disjoint sets, so a roles.npy here must hold only 1 (query) and 2 (gallery).
"""

import argparse
import json
import pathlib

import faiss
import numpy as np
import torch
from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator
from pytorch_metric_learning.utils.inference import FaissKNN
from sklearn.metrics import normalized_mutual_info_score, roc_auc_score
from sklearn.metrics.cluster import pair_confusion_matrix

from calibration_bins import ece

GOLDEN = pathlib.Path("src/test/resources/golden/peer")
REAL_SET = "emoji-vendors-quickstart"
KS = (1, 2, 4, 8)
VOTE_K = 10
BINS = 15


def write_set(folder, z, labels, roles=None):
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "embeddings.npy", z.astype("<f4"))
    np.save(folder / "labels.npy", labels.astype("<i8"))
    (folder / "ids.txt").write_text("".join(f"{folder.name}-{i:05d}\n" for i in range(len(z))))
    if roles is not None:
        np.save(folder / "roles.npy", roles.astype("i1"))


def clustered(rng, sizes, dim, spread):
    centres = rng.normal(size=(len(sizes), dim)) * 2.0
    labels = np.repeat(np.arange(len(sizes)), sizes)
    z = centres[labels] + rng.normal(size=(len(labels), dim)) * spread
    z *= np.exp(rng.normal(size=(len(labels), 1)) * 0.5) * 5.0  # varied kappa = ||z||
    return z, labels


def generate(root):
    rng = np.random.default_rng(20221)
    sizes = np.concatenate([[1, 1], rng.integers(2, 20, size=10)])
    z, y = clustered(rng, sizes, 8, 1.2)
    write_set(root / GOLDEN / "gauss-small", z, y)

    rng = np.random.default_rng(20222)
    sizes = np.concatenate([[1], rng.integers(5, 25, size=24)])
    z, y = clustered(rng, sizes, 32, 1.5)
    dup = rng.choice(len(z), size=40, replace=False)
    z = np.concatenate([z, z[dup]])  # exact duplicates, same label
    y = np.concatenate([y, y[dup]])
    perm = rng.permutation(len(z))
    write_set(root / GOLDEN / "gauss-dups", z[perm], y[perm])

    rng = np.random.default_rng(20223)
    sizes = rng.integers(3, 10, size=30)
    z, y = clustered(rng, sizes, 16, 1.0)
    roles = np.full(len(z), 2, dtype=np.int8)
    for c in range(30):
        rows = np.flatnonzero(y == c)
        n_query = len(rows) if c < 2 else rng.integers(1, len(rows))  # classes 0, 1: no gallery
        roles[rows[:n_query]] = 1
    write_set(root / GOLDEN / "inshop-like", z, y, roles)


def import_real(root, source, classes):
    """Copies the first `classes` labels (in label order) of a pdml embedding folder."""
    z = np.load(source / "embeddings.npy")
    y = np.load(source / "labels.npy")
    ids = (source / "ids.txt").read_text().splitlines()
    keep = np.isin(y, np.unique(y)[:classes])
    folder = root / GOLDEN / REAL_SET
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "embeddings.npy", z[keep].astype("<f4"))
    np.save(folder / "labels.npy", y[keep].astype("<i8"))
    (folder / "ids.txt").write_text("".join(i + "\n" for i, k in zip(ids, keep) if k))
    print(f"{REAL_SET}: {keep.sum()} of {len(y)} rows, {classes} classes, from {source}")


def knn(query, gallery, k, exclude_self):
    index = faiss.IndexFlatIP(gallery.shape[1])
    index.add(gallery)
    _, idx = index.search(query, k + 1 if exclude_self else k)
    if exclude_self:
        keep = idx != np.arange(len(query))[:, None]
        idx = np.stack([row[m][:k] for row, m in zip(idx, keep)])
    return idx


def vote(neigh_labels):
    pred, prob = [], []
    for row in neigh_labels:
        labels, first, counts = np.unique(row, return_index=True, return_counts=True)
        best = max(range(len(labels)), key=lambda j: (counts[j], -first[j]))
        pred.append(labels[best])
        prob.append(counts[best] / len(row))
    return np.array(pred), np.array(prob)


def ece_brier(prob, correct):
    return ece(prob, correct, BINS), float(np.mean((prob - correct) ** 2))


def pairwise_f1(labels, clusters):
    c = pair_confusion_matrix(labels, clusters)
    both, only_pred, only_true = c[1, 1], c[0, 1], c[1, 0]
    denominator = 2 * both + only_pred + only_true
    return 1.0 if denominator == 0 else float(2 * both / denominator)


def score(folder):
    z = np.load(folder / "embeddings.npy")
    y = np.load(folder / "labels.npy")
    clusters = np.load(folder / "clusters.npy")
    roles_path = folder / "roles.npy"
    zn = z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)
    if roles_path.exists():
        roles = np.load(roles_path)
        assert not (roles == 0).any(), "peer goldens need disjoint query/gallery roles"
        q, g = np.flatnonzero(roles == 1), np.flatnonzero(roles == 2)
        same = False
    else:
        q = g = np.arange(len(z))
        same = True
    calc = AccuracyCalculator(
        include=("precision_at_1", "r_precision", "mean_average_precision_at_r"),
        k="max_bin_count",
        knn_func=FaissKNN(index_init_fn=faiss.IndexFlatIP),
    )
    tq, tl = torch.from_numpy(zn[q]), torch.from_numpy(y[q])
    if same:
        pml = calc.get_accuracy(tq, tl)
    else:
        pml = calc.get_accuracy(tq, tl, torch.from_numpy(zn[g]), torch.from_numpy(y[g]), False)
    counts = {c: n for c, n in zip(*np.unique(y[g], return_counts=True))}
    r = np.array([counts.get(c, 0) - (1 if same else 0) for c in y[q]])
    ev = r > 0
    idx = knn(zn[q], zn[g], max(max(KS), VOTE_K), same)
    nl = y[g][idx]
    hit = nl == y[q][:, None]
    pred, prob = vote(nl[:, :VOTE_K])
    ece, brier = ece_brier(prob[ev], (pred == y[q])[ev].astype(float))
    kappa = np.linalg.norm(z[q].astype(np.float64), axis=1)
    golden = {k: float(v) for k, v in pml.items()}
    golden.update(
        nmi=float(normalized_mutual_info_score(y, clusters)),
        clustering_f1=pairwise_f1(y, clusters),
        recall_at_k={str(k): float(hit[ev, :k].any(axis=1).mean()) for k in KS},
        auroc_kappa=float(roc_auc_score(hit[ev, 0], kappa[ev])),
        ece_vote=float(ece),
        brier_vote=brier,
        vote_k=VOTE_K,
        excluded_queries=int((~ev).sum()),
        evaluated_queries=int(ev.sum()),
        query_gallery=not same,
    )
    (folder / "golden.json").write_text(json.dumps(golden, indent=2, sort_keys=True) + "\n")
    print(folder.name, json.dumps(golden, sort_keys=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, required=True)
    parser.add_argument("step", choices=("generate", "import", "score"))
    parser.add_argument("folders", nargs="*", type=pathlib.Path)
    parser.add_argument("--classes", type=int, default=300, help="import: classes kept")
    args = parser.parse_args()
    if args.step == "generate":
        generate(args.root)
    elif args.step == "import":
        import_real(args.root, args.folders[0], args.classes)
    else:
        for folder in args.folders or sorted((args.root / GOLDEN).iterdir()):
            score(folder)


if __name__ == "__main__":
    main()
