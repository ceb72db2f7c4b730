#!/usr/bin/env python3
# Where an engine benchmark's time goes: reads a `perf record --call-graph dwarf` file and charges
# each sample to the first Tutti function (engine or mocks) on its stack, so JSON, malloc/free
# and std::function work count against the function that asked for it. Samples under
# curl_multi_socket_action are one row (libcurl and the kernel).
#
#   perf_attribute.py perf.data [TOP=30] [TID]
import collections
import re
import subprocess
import sys


def short(symbol):
    symbol = symbol.replace('(anonymous namespace)', 'anon')
    return re.sub(r'\(.*', '', symbol)[:110]


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: perf_attribute.py perf.data [TOP] [TID]')
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    cmd = ['perf', 'script', '-i', sys.argv[1], '-F', 'ip,sym']
    if len(sys.argv) > 3:
        cmd += ['--tid', sys.argv[3]]
    data = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    counts = collections.Counter()
    for sample in data.split('\n\n'):
        frames = [line.strip().split(' ', 1)[1] if ' ' in line.strip() else '?'
                  for line in sample.strip().split('\n') if line.strip()]
        if not frames:
            continue
        hit = None
        for f in frames:
            if f.startswith('curl_multi_socket_action'):
                hit = 'libcurl + kernel (under curl_multi_socket_action)'
                break
            if 'tutti::' in f and 'std::_Function_handler' not in f and not f.startswith('std::'):
                hit = short(f)
                break
        counts[hit or 'other: ' + frames[0][:60]] += 1
    total = sum(counts.values())
    for name, n in counts.most_common(top):
        print(f'{n:6d} {100 * n / total:5.1f}%  {name}')


if __name__ == '__main__':
    main()
