# Turns subsidy-bench's per-step lines on stderr ("  STEP: 1.234 s, 5.6 MiB" under "county of N
# applications") into the Markdown table of docs/performance.md, with the growth per size step.
import re, sys
sizes, figures, order = [], {}, []
size = None
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"county of (\d+) applications", line)
    if m:
        size = int(m.group(1)); sizes.append(size); continue
    m = re.match(r"  (.+): ([0-9.]+) s, ([0-9.]+) MiB$", line.rstrip("\n"))
    if m and size:
        step = m.group(1)
        if step not in order: order.append(step)
        figures[(step, size)] = (float(m.group(2)), float(m.group(3)))
def fmt(v): return f"{v[0]:.3f} s / {v[1]:.0f} MiB" if v else "–"
head = "| step | " + " | ".join(f"{s:,}" for s in sizes) + " | " + " | ".join(f"{a:,}→{b:,}" for a, b in zip(sizes, sizes[1:])) + " |"
print(head)
print("|" + "---|" * (1 + 2 * len(sizes) - 1))
for step in order:
    cells = [fmt(figures.get((step, s))) for s in sizes]
    growth = []
    for a, b in zip(sizes, sizes[1:]):
        x, y = figures.get((step, a)), figures.get((step, b))
        growth.append(f"{y[0] / x[0]:.1f}×" if x and y and x[0] > 0 else "–")
    print(f"| {step} | " + " | ".join(cells) + " | " + " | ".join(growth) + " |")
