"""The story score against the shared similarity on SemEval-2022 Task 8 and on the seeds.

Reads the per-pair features `RUST_LOG=concord_measure=debug cargo xtask eval similarity` logs
(both scores' features), and runs `explain` on the seed pairs with the shared similarity on. Prints
the story decision with and without the time feature, and three combinations of both feature sets
fitted on the fit half (the same deterministic half the eval reports), each with its seed scores.
Needs numpy. Usage (BENCHMARKS.md, session 14):

  RUST_LOG=concord_measure=debug cargo xtask eval similarity 2> /tmp/sim.log
  python crates/measure/scripts/story_scores.py /tmp/sim.log
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

CSV = "../shared/eval/similarity/semeval2022-task8.pairs.csv"
STORY = ["names", "speakers", "figures", "dates", "jaccard", "time"]
SHARED = ["concepts", "lead", "stems", "names", "numbers", "dates", "coverage"]
# The seed pairs the issue puts in one story; every other pair is two stories.
SEEDS_SAME = {("000", "001"), ("000", "003"), ("001", "003"), ("002", "004")}
NUM = r"(-?[\d.]+(?:e-?\d+)?)"


def fnv1a(s):
    h = 0xCBF29CE484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def read_log(path):
    shared, story = {}, {}
    for line in open(path, encoding="utf-8"):
        m = re.search(r"row=(\S+) langs=\S+ gold=\S+ score=" + NUM + r" features=\[(.*?)\]", line)
        if m:
            values = dict(re.findall(r'\("(\w+)", ' + NUM + r"\)", m.group(3)))
            shared[m.group(1)] = [float(m.group(2))] + [float(values[k]) for k in SHARED]
            continue
        m = re.search(r"row=(\S+) story=" + NUM + r" story_features=Features \{(.*?)\}", line)
        if m:
            values = dict(re.findall(r"(\w+): " + NUM, m.group(3)))
            story[m.group(1)] = [float(m.group(2))] + [float(values[k]) for k in STORY]
    return shared, story


def seed_features(xtask):
    """Both scores and both feature sets of every seed pair, from `explain` with profiles on."""
    config = tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False)
    config.write("[reconcile]\nprofiles = true\n")
    config.close()
    out = []
    seeds = sorted(f for f in os.listdir("data/samples") if f.endswith(".txt"))
    for i, a in enumerate(seeds):
        for b in seeds[i + 1:]:
            text = subprocess.run(
                [xtask, "explain", "--config", config.name, a, b],
                capture_output=True, text=True, check=True,
            ).stdout
            story = [float(re.search(r"- story score " + NUM, text).group(1))]
            shared = re.search(r"shared similarity " + NUM + r" \[(.*?)\]", text)
            sv = dict(re.findall(r"(\w+) " + NUM, shared.group(2)))
            features = dict(re.findall(r"(\w+) " + NUM, text.split("features: ")[1].split("\n")[0]))
            out.append((
                a[:3], b[:3],
                story + [float(features[k]) for k in STORY],
                [float(shared.group(1))] + [float(sv[k]) for k in SHARED],
            ))
    os.unlink(config.name)
    return out


def decision(score, gold, threshold, keep):
    decided = keep & ((gold <= 1.5) | (gold >= 3))
    same, said = gold <= 1.5, score >= threshold
    tp = (said & same & decided).sum()
    fp = (said & ~same & decided).sum()
    fn = (~said & same & decided).sum()
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def logistic(x, y, steps=3000, l2=1.0):
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= (xb.T @ (p - y) + l2 * np.r_[w[:-1], 0]) / len(y)
    return lambda z: 1 / (1 + np.exp(-(z @ w[:-1] + w[-1])))


def main():
    shared, story = read_log(sys.argv[1])
    xtask = sys.argv[2] if len(sys.argv) > 2 else "target/release/xtask"
    rows = [r for r in csv.DictReader(open(CSV, encoding="utf-8"))
            if "zh" not in (r["lang1"], r["lang2"]) and r["Unnamed: 0"] in story]
    gold = np.array([float(r["Overall"]) for r in rows])
    fit = np.array([fnv1a(r["pair_id"]) % 2 == 0 for r in rows])
    every = np.ones(len(rows), bool)
    st = np.array([story[r["Unnamed: 0"]] for r in rows])
    sh = np.array([shared[r["Unnamed: 0"]] for r in rows])
    seeds = seed_features(xtask)
    same = np.array([(a, b) in SEEDS_SAME for a, b, _, _ in seeds])
    seed_st = np.array([s for _, _, s, _ in seeds])
    seed_sh = np.array([s for _, _, _, s in seeds])

    def show(name, score, threshold, seed_score):
        p, r, f1 = decision(score, gold, threshold, every)
        other = decision(score, gold, threshold, ~fit)[2]
        print(f"{name}: Pearson {np.corrcoef(score, -gold)[0, 1]:.3f}, at {threshold:.2f} "
              f"P {p:.3f} R {r:.3f} F1 {f1:.3f} (other half {other:.3f}); seeds one story "
              f"{np.round(np.sort(seed_score[same]), 2)}, two {np.round(np.sort(seed_score[~same]), 2)}")

    show("story score", st[:, 0], 0.42, seed_st[:, 0])
    show("story score, time given to every pair", np.minimum(st[:, 0] + 0.1, 1), 0.42, seed_st[:, 0])
    show("shared similarity", sh[:, 0], 0.55, seed_sh[:, 0])
    mean = (st[:, 0] + sh[:, 0]) / 2
    seed_mean = (seed_st[:, 0] + seed_sh[:, 0]) / 2
    best = max(range(20, 90), key=lambda t: decision(mean, gold, t / 100, fit)[2]) / 100
    show("mean of both (threshold fitted)", mean, best, seed_mean)
    y, keep = (gold <= 1.5).astype(float), fit & ((gold <= 1.5) | (gold >= 3))
    both, seed_both = np.hstack([st[:, 1:], sh[:, 1:]]), np.hstack([seed_st[:, 1:], seed_sh[:, 1:]])
    model = logistic(both[keep], y[keep])
    show("logistic, both feature sets", model(both), 0.5, model(seed_both))
    model = logistic(st[keep, 1:], y[keep])
    show("logistic, story features", model(st[:, 1:]), 0.5, model(seed_st[:, 1:]))


if __name__ == "__main__":
    main()
