#!/usr/bin/env python3
"""Lists methods longer than a limit (default 40 lines, signature to closing brace) in main sources;
exits 1 when there is one (.ci/run gates on the house limit).

    tools/long-methods.py [LIMIT] [ROOT]
"""
import pathlib
import re
import sys

limit = int(sys.argv[1]) if len(sys.argv) > 1 else 40
root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ".")
sig = re.compile(
    r"^\s*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\s+)*"
    r"(?:<[^>]+>\s+)?[\w<>\[\],.? ]+\s+(\w+)\s*\([^;]*$")
found = []
for path in sorted(root.glob("*/src/main/java/**/*.java")):
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = sig.match(lines[i])
        keyword = m and m.group(1) in ("if", "for", "while", "switch", "catch", "try", "synchronized")
        declares_type = m and re.search(r"\b(class|record|interface|enum)\b", lines[i])
        if (m and not keyword and not declares_type and m.group(1)[0].islower()
                and not lines[i].strip().startswith(("return", "new ", "else", "}"))):
            # find the opening brace of the body
            j = i
            while j < len(lines) and "{" not in lines[j] and ";" not in lines[j]:
                j += 1
            if j < len(lines) and "{" in lines[j]:
                depth = 0
                k = j
                while k < len(lines):
                    code = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', lines[k])
                    code = code.split("//")[0]
                    depth += code.count("{") - code.count("}")
                    if depth <= 0:
                        break
                    k += 1
                n = k - i + 1
                if n > limit:
                    found.append((n, f"{path}:{i + 1}", m.group(1)))
                i = j + 1
                continue
        i += 1
for n, where, name in sorted(found, reverse=True):
    print(f"{n:4d} {where} {name}")
print(f"{len(found)} methods over {limit} lines", file=sys.stderr)
sys.exit(1 if found else 0)
