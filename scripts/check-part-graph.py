#!/usr/bin/env python3
"""Checks that the parts' dependency graph declared in src/CMakeLists.txt is the real one:

- every `#include "<part>/..."` in a part's files names the part itself or a part it depends on,
  directly or through others (the build's link lines would not catch a header-only use);
- every dependency a part declares is one it includes directly (no edge nobody uses);
- every unit test includes only its own part and the parts that part depends on, as it links
  only those (tests/CMakeLists.txt);
- ARCHITECTURE.md's graph (the lines between `<!-- part graph -->` markers) is the declared one.

Run by ctest (`graph/parts`) and by hand: check-part-graph.py SOURCE_DIR [--print]
"""
import re
import sys
from pathlib import Path


def declared_parts(cmake_text):
    """{part: [direct deps]} from the xport_part(...) calls."""
    parts = {}
    for call in re.finditer(r"xport_part\(([^)]*)\)", cmake_text):
        words = call.group(1).split()
        name, deps, mode = words[0], [], None
        for word in words[1:]:
            if word in ("DEPS", "LIBS"):
                mode = word
            elif mode == "DEPS":
                deps.append(word.removeprefix("xport_"))
        parts[name] = deps
    return parts


def closure(parts, name):
    seen, todo = set(), list(parts.get(name, []))
    while todo:
        part = todo.pop()
        if part not in seen:
            seen.add(part)
            todo.extend(parts.get(part, []))
    return seen


def folder_of(part):
    """cli_front and cli_heavy are the two halves of src/cli."""
    return "cli" if part.startswith("cli_") else part


def included_parts(files, folders):
    """{part folder: first file:line that includes it}"""
    found = {}
    for path in files:
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = re.match(r'\s*#\s*include\s+"([a-z_]+)/', line)
            if m and m.group(1) in folders:
                found.setdefault(m.group(1), f"{path}:{number}")
    return found


def graph_lines(parts):
    return [f"{name} -> {' '.join(deps) if deps else '(nothing)'}" for name, deps in parts.items()]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: check-part-graph.py SOURCE_DIR [--print]")
    root = Path(sys.argv[1])
    parts = declared_parts((root / "src/CMakeLists.txt").read_text())
    if "--print" in sys.argv:
        print("\n".join(graph_lines(parts)))
        return
    folders = {folder_of(p) for p in parts}
    problems = []

    by_folder = {}
    for name, deps in parts.items():
        by_folder.setdefault(folder_of(name), set()).update(deps)
    for folder, deps in by_folder.items():
        allowed = set()
        for dep in deps:
            allowed |= {dep} | closure(parts, dep)
        allowed = {folder_of(p) for p in allowed}
        files = sorted((root / "src" / folder).glob("*.[ch]pp"))
        used = included_parts(files, folders)
        for part, where in sorted(used.items()):
            if part != folder and part not in allowed:
                problems.append(f"{where}: the {folder} part includes {part}/, which it does not "
                                f"depend on; declare the dependency in src/CMakeLists.txt "
                                f"(xport_part({folder} DEPS ...)) if the graph allows it, or move "
                                f"the code")
        for dep in sorted({folder_of(d) for d in deps}):
            if dep not in used and dep != folder:
                problems.append(f"src/CMakeLists.txt: the {folder} part declares a dependency on "
                                f"{dep} and includes nothing of it; remove the edge")

    for test_folder in sorted((root / "tests/unit").iterdir()):
        part = test_folder.name
        if not test_folder.is_dir() or part not in folders or part == "cli":
            continue
        allowed = {part} | {folder_of(p) for p in closure(parts, part)}
        used = included_parts(sorted(test_folder.glob("*.[ch]pp")), folders)
        for other, where in sorted(used.items()):
            if other not in allowed:
                problems.append(f"{where}: unit_{part} includes {other}/, which the {part} part "
                                f"does not depend on (unit_{part} links only its part and what "
                                f"that part needs); test it in unit_{other}, or through {part}'s "
                                f"own interface")

    architecture = (root / "ARCHITECTURE.md").read_text()
    m = re.search(r"<!-- part graph -->\n```\n(.*?)```\n<!-- part graph -->", architecture, re.S)
    if not m:
        problems.append("ARCHITECTURE.md: no graph between '<!-- part graph -->' markers; paste "
                        "the output of scripts/check-part-graph.py . --print there")
    elif m.group(1).splitlines() != graph_lines(parts):
        problems.append("ARCHITECTURE.md: the part graph differs from src/CMakeLists.txt; paste "
                        "the output of scripts/check-part-graph.py . --print there")

    for problem in problems:
        print(f"check-part-graph: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check-part-graph: {len(parts)} parts, every include within the declared graph, every "
          f"declared edge used")


if __name__ == "__main__":
    main()
