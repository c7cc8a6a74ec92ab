#!/usr/bin/env python3
"""Lists module cycles inside each crate of the workspace.

A module file depends on another when it names it through `crate::…` or
`super::…` paths (in `use` lines or in code). Edges between a module and
the modules that contain it (`lib.rs`, a `mod.rs` or `foo.rs` above
`foo/`) are left out: a parent declares and re-exports its children, and a
child may use what its parent defines. Exits 1 when any cycle remains.

    python3 scripts/module_cycles.py [CRATES_DIR]   (default: crates)
"""
import re
import sys
from pathlib import Path

PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^}]*)\}", re.S)


def module_of(src: Path, f: Path):
    parts = list(f.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("lib", "main", "mod"):
        parts = parts[:-1]
    return tuple(parts)


def resolve(modules, start, segs):
    """The longest prefix of `segs` (from module `start`) that is a module."""
    best = None
    cur = list(start)
    for s in segs:
        cur = cur + [s]
        if tuple(cur) in modules:
            best = tuple(cur)
        else:
            break
    return best


def crate_cycles(src: Path):
    files = {module_of(src, f): f for f in src.rglob("*.rs")}
    edges = {m: set() for m in files}
    for m, f in files.items():
        text = re.sub(r"//[^\n]*", "", f.read_text(encoding="utf-8"))
        here = m
        parent = m[:-1]
        refs = []
        for g in GROUP.finditer(text):
            for item in g.group(3).split(","):
                item = item.strip().split(" as ")[0].strip()
                if item and item != "self":
                    refs.append((g.group(1), g.group(2) + "::" + item.split("::")[0]))
        for p in PATH.finditer(text):
            refs.append((p.group(1), p.group(2)))
        for root, rest in refs:
            segs = [s for s in rest.split("::") if s]
            if root == "crate":
                base = ()
            else:
                base = parent
                while segs and segs[0] == "super":
                    base, segs = base[:-1], segs[1:]
            target = resolve(files, base, segs)
            if target is None or target == here:
                continue
            # parent/child (containment) edges are not dependencies
            if target == here[: len(target)] or here == target[: len(here)]:
                continue
            edges[m].add(target)
    return sccs(edges)


def sccs(edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "crates")
    found = 0
    for src in sorted(root.glob("*/src")):
        for comp in crate_cycles(src):
            found += 1
            names = ", ".join("::".join(c) or "(crate root)" for c in comp)
            print(f"{src.parent.name}: cycle between {names}")
    if found:
        sys.exit(1)
    print("no module cycle")


if __name__ == "__main__":
    main()
