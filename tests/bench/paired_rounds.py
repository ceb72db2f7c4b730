#!/usr/bin/env python3
# Paired rounds for bench_engine on a noisy machine: runs the BEFORE and AFTER binaries one round
# each, alternating which goes first, and reports the median of the per-pair ratios (see
# docs/performance.md for why ratios, not absolute times).
#
#   paired_rounds.py BEFORE AFTER [PAIRS=9] [RUNS=2000]
import re
import statistics
import subprocess
import sys


def one(binary, runs):
    out = subprocess.run([binary, '--runs', runs, '--rounds', '1'],
                         capture_output=True, text=True, check=False).stdout
    m = re.search(r'round 1: ([\d.]+) us/step.*bare mock call ([\d.]+) us', out)
    if not m:
        sys.exit(f'{binary}: unexpected output:\n{out}')
    return float(m.group(1)), float(m.group(2))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__ or 'usage: paired_rounds.py BEFORE AFTER [PAIRS] [RUNS]')
    before, after = sys.argv[1], sys.argv[2]
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    runs = sys.argv[4] if len(sys.argv) > 4 else '2000'
    rows = []
    for i in range(pairs):
        if i % 2 == 0:
            b, a = one(before, runs), one(after, runs)
        else:
            a, b = one(after, runs), one(before, runs)
        rows.append((b, a))
    md = statistics.median
    ratios = [b[0] / a[0] for b, a in rows]
    step_b, step_a = md(b[0] for b, _ in rows), md(a[0] for _, a in rows)
    mock_b, mock_a = md(b[1] for b, _ in rows), md(a[1] for _, a in rows)
    print(f'before median {step_b:.2f} us/step, after {step_a:.2f} us/step; median per-pair '
          f'speedup x{md(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) '
          f'over {pairs} pairs')
    print(f'bare mock call: before {mock_b:.2f} us, after {mock_a:.2f} us; step / bare mock: '
          f'before x{step_b / mock_b:.2f}, after x{step_a / mock_a:.2f}')


if __name__ == '__main__':
    main()
