#!/usr/bin/env python3
# The dependency check of the test suite (ctest entry `deps_check`; python3 standard library only).
# It reads the module graph from the CMakeLists files and the #includes of every C++ file under
# ledger/, reports/ and tools/ (tools/subsidy, tools/bench, tools/server), and prints one line per
# violation, `FILE:LINE: what is wrong`, exiting 1 when there is any.
#
# What it checks:
#  1. links: a file of a module includes a header of another module, or of a package (sqlite3.h,
#     libxml/, xlsxwriter.h, toml++/, nlohmann/, openssl/, spdlog/, CLI/, boost/, pango/, cairo), that its target
#     does not link, directly or transitively through the DEPS of `subsidy_module(NAME DEPS ...)`
#     and `target_link_libraries(...)`. A module is a folder with a subsidy_module call; the front
#     ends are tools/subsidy (target `subsidy`), tools/bench (target `subsidy-bench`) and the
#     browser front end tools/server (target `subsidy_server`).
#  2. purity: ledger/engine and ledger/policy never include sqlite3.h or a ledger/store header, and
#     never link ledger_store or SQLCipher, not even transitively.
#  3. private headers: a header whose opening comment says it is "Private to", "Internal to",
#     "Internals of" or "Inside the" something is included only by files of its own folder.
#  4. front ends (tools/subsidy, tools/bench, tools/server) hold no storage and no posting: no
#     SQL in string literals (a literal or run of adjacent literals that starts with SELECT, INSERT, UPDATE,
#     DELETE, CREATE, DROP, ALTER, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, PRAGMA, ...
#     in capitals, or holds INSERT INTO / DELETE FROM / SELECT ... FROM / UPDATE x SET /
#     CREATE TABLE anywhere), no `.prepare(` or `.exec(` call, no sqlite3.h and no sqlite3_* call, and
#     no `post_entry`, `JournalWriter` or `Transaction` in code: writing goes through ledger/ops.
#
# What it cannot check: business rules in general. A front end that computes an award, decides
# who may be paid or rounds money itself uses only public headers and plain C++, which look the
# same as parsing and rendering; rule 4 catches the ways of writing to the books, not the
# reasoning behind them, so reviews still have to. It also reads includes as written (a header
# reached through another header is charged to that header's module, which is itself checked)
# and does not evaluate CMake: variables, generator expressions and conditions in DEPS are
# ignored, and front-end folders are mapped to their targets by the FRONT_ENDS table below.
#
# tests/deps_allow.txt lists files (`FILE: reason`, one a line, # comments) whose rule-3 and
# rule-4 violations are known and being removed: they are printed as `allowed` and do not fail
# the check. Rules 1 and 2 are never allowed. A listed file with nothing left to allow is noted,
# so that the list only shrinks.
#
# `deps_check.py --table` prints the module table of docs/architecture.md from the CMakeLists instead.
import argparse
import os
import re
import sys

FRONT_ENDS = {"tools/subsidy": "subsidy", "tools/bench": "subsidy-bench",
              "tools/server": "subsidy_server"}
CHECKED_ROOTS = ("ledger", "reports") + tuple(FRONT_ENDS)
PURE_MODULES = ("ledger_engine", "ledger_policy")
IMPURE = ("ledger_store", "PkgConfig::SQLCIPHER")
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".cc")

# System headers and the CMake target that provides them.
PACKAGES = (
    ("sqlite3.h", "PkgConfig::SQLCIPHER"),
    ("sqlcipher/", "PkgConfig::SQLCIPHER"),
    ("libxml/", "PkgConfig::LIBXML2"),
    ("xlsxwriter.h", "PkgConfig::XLSXWRITER"),
    ("xlsxwriter/", "PkgConfig::XLSXWRITER"),
    ("toml++/", "PkgConfig::TOMLPP"),
    ("nlohmann/", "nlohmann_json::nlohmann_json"),
    ("openssl/", "OpenSSL::Crypto"),
    ("spdlog/", "spdlog::spdlog"),
    ("CLI/", "CLI11::CLI11"),
    ("boost/", "Boost::headers"),
    ("httplib.h", "PkgConfig::CPPHTTPLIB"),
    ("pango/", "PkgConfig::PANGOCAIRO"),
    ("cairo.h", "PkgConfig::PANGOCAIRO"),
    ("cairo-pdf.h", "PkgConfig::PANGOCAIRO"),
)

PRIVATE_MARK = re.compile(r"\b(Private to|Internal to|Internals of|Inside the)\b")
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)
SQL_START = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|BEGIN|COMMIT|END TRANSACTION|ROLLBACK|"
    r"SAVEPOINT|RELEASE|PRAGMA|WITH|REPLACE|VACUUM|ATTACH|DETACH|ANALYZE|REINDEX)\b")
SQL_ANYWHERE = re.compile(
    r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|SELECT\b.*\bFROM|UPDATE\s+\w+\s+SET|"
    r"CREATE\s+(TEMP\s+|TEMPORARY\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER))\b", re.S)
FRONT_END_CODE = (
    (re.compile(r"(\.|->)\s*prepare\s*\("), "calls .prepare( (SQL belongs in ledger/)"),
    (re.compile(r"(\.|->)\s*exec\s*\("), "calls .exec( (SQL belongs in ledger/)"),
    (re.compile(r"\bsqlite3_\w+"), "calls SQLite directly"),
    (re.compile(r"\bpost_entry\b"), "posts an entry directly (post_entry); write through ledger/ops"),
    (re.compile(r"\bJournalWriter\b"), "posts entries directly (JournalWriter); write through ledger/ops"),
    (re.compile(r"\bTransaction\b"), "opens a Transaction itself; write through ledger/ops"),
)


def strip_cpp(text):
    """Returns (code, literals): the text with comments blanked and string/char literal contents
    blanked (newlines kept, so line numbers hold), and [(line, start_offset, end_offset, body)]
    of the string literals, raw strings included."""
    out = list(text)
    literals = []
    i, n = 0, len(text)

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif c == '"':
            # A raw string when the token before the quote is R, u8R, uR, UR or LR.
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "_"):
                k -= 1
            if text[k:i] in ("R", "u8R", "uR", "UR", "LR"):
                paren = text.find("(", i + 1)
                delim = text[i + 1:paren]
                end = text.find(")" + delim + '"', paren)
                end = n if end < 0 else end
                literals.append((text.count("\n", 0, i) + 1, i, end + len(delim) + 2, text[paren + 1:end]))
                blank(i + 1, end + len(delim) + 1)
                i = end + len(delim) + 2
                continue
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            literals.append((text.count("\n", 0, i) + 1, i, j + 1, text[i + 1:j]))
            blank(i + 1, j)
            i = j + 1
        elif c == "'":
            # A digit separator (1'000'000) when the token it is in starts with a digit.
            k = i
            while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_'."):
                k -= 1
            if k < i and text[k].isdigit():
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, j)
            i = j + 1
        else:
            i += 1
    return "".join(out), literals


def joined_literals(code, literals):
    """Adjacent string literals ("a " "b") joined, as the compiler joins them: [(line, body)]."""
    runs = []
    for line, start, end, body in literals:
        if runs and code[runs[-1][2]:start].strip() == "":
            runs[-1] = (runs[-1][0], runs[-1][1] + body, end)
        else:
            runs.append((line, body, end))
    return [(line, body) for line, body, _ in runs]


def cmake_calls(text, command):
    """The argument lists of every call of `command` in a CMake file: [(line, [tokens])]."""
    text = re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), text)
    calls = []
    for m in re.finditer(r"\b" + re.escape(command) + r"\s*\(", text):
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        calls.append((text.count("\n", 0, m.start()) + 1, text[m.end():j - 1].split()))
    return calls


class Tree:
    def __init__(self, root):
        self.root = root
        self.deps = {}          # target -> set of targets and packages it links
        self.where = {}         # target -> (CMakeLists path, line)
        self.folders = {}       # folder (relative, '/') -> target
        self.private = {}       # header (relative) -> its folder
        for folder in ("ledger", "reports", "tools"):
            for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
                dirnames.sort()
                if "CMakeLists.txt" in filenames:
                    self.read_cmake(os.path.join(dirpath, "CMakeLists.txt"))
        for folder, target in FRONT_ENDS.items():
            if os.path.isdir(os.path.join(root, folder)):
                self.folders[folder] = target

    def rel(self, path):
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    def read_cmake(self, path):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        folder = self.rel(os.path.dirname(path))
        for line, args in cmake_calls(text, "subsidy_module"):
            if not args:
                continue
            name, deps, key = args[0], set(), None
            for token in args[1:]:
                if token in ("DEPS", "SOURCES"):
                    key = token
                elif key == "DEPS" and "$" not in token:
                    deps.add(token)
            self.deps.setdefault(name, set()).update(deps)
            self.where[name] = (self.rel(path), line)
            self.folders[folder] = name
        for line, args in cmake_calls(text, "target_link_libraries"):
            if not args or "$" in args[0]:
                continue
            deps = {t for t in args[1:] if "$" not in t and t not in ("PUBLIC", "PRIVATE", "INTERFACE")}
            self.deps.setdefault(args[0], set()).update(deps)
            self.where.setdefault(args[0], (self.rel(path), line))

    def closure(self, target):
        seen, todo = set(), [target]
        while todo:
            t = todo.pop()
            if t not in seen:
                seen.add(t)
                todo.extend(self.deps.get(t, ()))
        return seen

    def path_to(self, target, wanted):
        """The chain of links from target to wanted, for the message."""
        parents, todo = {target: None}, [target]
        while todo:
            t = todo.pop(0)
            if t == wanted:
                chain = []
                while t is not None:
                    chain.append(t)
                    t = parents[t]
                return " -> ".join(reversed(chain))
            for d in sorted(self.deps.get(t, ())):
                if d not in parents:
                    parents[d] = t
                    todo.append(d)
        return None

    def owner(self, relpath):
        """The folder and target a file belongs to: the deepest folder that has a target."""
        folder = os.path.dirname(relpath)
        while folder:
            if folder in self.folders:
                return folder, self.folders[folder]
            folder = os.path.dirname(folder)
        return None, None

    def is_private(self, relpath):
        if relpath not in self.private:
            try:
                with open(os.path.join(self.root, relpath), encoding="utf-8") as f:
                    head = []
                    for line in f:
                        if not line.startswith("//"):
                            break
                        head.append(line[2:])
            except OSError:
                head = []
            self.private[relpath] = bool(PRIVATE_MARK.search(" ".join(" ".join(head).split())))
        return self.private[relpath]


def included_target(tree, relpath, kind, name):
    """(target, header path relative to the root or None) for one include, or (None, None)."""
    if kind == "<":
        for prefix, package in PACKAGES:
            if name == prefix or (prefix.endswith("/") and name.startswith(prefix)):
                return package, None
        return None, None
    candidates = [name, os.path.normpath(os.path.join(os.path.dirname(relpath), name)).replace(os.sep, "/")]
    for candidate in candidates:
        folder, target = tree.owner(candidate)
        if target and (candidate == name or os.path.exists(os.path.join(tree.root, candidate))):
            return target, candidate
    if name.startswith("ledger/") or name.startswith("reports/"):
        return "?" + os.path.dirname(name), name
    return None, None


def check(root, allow_path):
    tree = Tree(root)
    problems = []  # (file, line, message, allowable)

    for module in PURE_MODULES:
        if module not in tree.deps:
            continue
        for impure in IMPURE:
            chain = tree.path_to(module, impure)
            if chain:
                path, line = tree.where[module]
                problems.append((path, line, f"module {module} links {impure} ({chain}); it must stay pure", False))

    files = []
    for folder in CHECKED_ROOTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames.sort()
            files += [os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(SOURCE_SUFFIXES)]

    for path in files:
        relpath = tree.rel(path)
        folder, target = tree.owner(relpath)
        if target is None:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        code, literals = strip_cpp(text)
        # Includes are read from the text without comments, with the literal bodies put back.
        with_strings = list(code)
        for _, start, end, _ in literals:
            with_strings[start:end] = text[start:end]
        linked = tree.closure(target)
        for m in INCLUDE.finditer("".join(with_strings)):
            line = text.count("\n", 0, m.start()) + 1
            kind, name = m.group(1), m.group(2)
            inc_target, inc_path = included_target(tree, relpath, kind, name)
            if inc_target is None:
                continue
            if inc_target.startswith("?"):
                problems.append((relpath, line, f"module {target} includes {name}, which no module owns", False))
                continue
            if target in PURE_MODULES and (name == "sqlite3.h" or name.startswith("ledger/store/")):
                problems.append((relpath, line, f"module {target} includes {name}; it must stay pure (no SQLite)", False))
            elif inc_target not in linked:
                problems.append((relpath, line, f"module {target} includes {name} which it does not link ({inc_target})", False))
            if folder in FRONT_ENDS and name in ("sqlite3.h", "sqlcipher/sqlite3.h"):
                problems.append((relpath, line, f"{folder} includes {name} (SQLite belongs in ledger/store)", True))
            if inc_path and os.path.dirname(inc_path) != os.path.dirname(relpath) and tree.is_private(inc_path):
                problems.append((relpath, line, f"{relpath} includes {name}, which is private to {os.path.dirname(inc_path)}/", True))
        if folder in FRONT_ENDS:
            for line, body in joined_literals(code, literals):
                if SQL_START.search(body) or SQL_ANYWHERE.search(body):
                    shown = " ".join(body.split())
                    shown = shown if len(shown) <= 60 else shown[:57] + "..."
                    problems.append((relpath, line, f"{folder} contains SQL: \"{shown}\"", True))
            for pattern, message in FRONT_END_CODE:
                for m in pattern.finditer(code):
                    problems.append((relpath, code.count("\n", 0, m.start()) + 1, f"{folder} {message}", True))

    allowed = {}
    if allow_path and os.path.exists(allow_path):
        with open(allow_path, encoding="utf-8") as f:
            for number, raw in enumerate(f, 1):
                line = raw.strip()
                if not line or line.startswith("#"):
                    continue
                name, _, reason = line.partition(":")
                if not reason.strip():
                    problems.append((tree.rel(allow_path), number, "an allow-list line is `FILE: reason`", False))
                    continue
                allowed[name.strip()] = reason.strip()

    failures, allowances, used = 0, 0, set()
    for path, line, message, allowable in sorted(problems, key=lambda p: (p[0], p[1], p[2])):
        if allowable and path in allowed:
            used.add(path)
            allowances += 1
            print(f"{path}:{line}: allowed ({allowed[path]}): {message}")
        else:
            failures += 1
            print(f"{path}:{line}: {message}")
    for path in sorted(set(allowed) - used):
        print(f"note: {path} is in the allow-list but has nothing left to allow: remove its line", file=sys.stderr)
    print(f"deps_check: {len(files)} files, {len(tree.deps)} targets: {failures} violations, "
          f"{allowances} allowed in {len(used)} files", file=sys.stderr)
    return 1 if failures else 0


def print_table(root):
    """The table of docs/architecture.md: each module, the modules it links, and its packages."""
    tree = Tree(root)
    modules = [t for f, t in sorted(tree.folders.items()) if f.startswith(("ledger/", "reports"))]
    print("| module | links (directly) | also reaches | packages |")
    print("|---|---|---|---|")
    for module in modules:
        direct = sorted(d for d in tree.deps.get(module, ()) if d in tree.deps)
        reach = sorted(d for d in tree.closure(module) - {module} - set(direct) if d in tree.deps)
        packages = sorted(d for d in tree.deps.get(module, ()) if d not in tree.deps)
        print(f"| `{module}` | {', '.join(direct) or '—'} | {', '.join(reach) or '—'} | {', '.join(packages) or '—'} |")
    return 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Fails when a module includes what it does not link, "
                                                 "or a front end holds SQL or posts entries itself.")
    parser.add_argument("--root", default=os.path.dirname(here), help="the source tree (default: this checkout)")
    parser.add_argument("--allow", help="the allow-list (default: ROOT/tests/deps_allow.txt)")
    parser.add_argument("--table", action="store_true",
                        help="print the module table of docs/architecture.md (module, links, packages) and exit")
    args = parser.parse_args()
    if args.table:
        return print_table(os.path.abspath(args.root))
    allow = args.allow if args.allow is not None else os.path.join(args.root, "tests", "deps_allow.txt")
    return check(os.path.abspath(args.root), allow)


if __name__ == "__main__":
    sys.exit(main())
