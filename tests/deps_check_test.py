#!/usr/bin/env python3
# Tests of tests/deps_check.py itself (ctest entry `deps_check_test`): each case writes a tiny fake
# tree into a temporary directory (modules with their CMakeLists, a front end in tools/subsidy),
# runs the checker on it and checks its exit status and the lines it prints.
import os
import subprocess
import sys
import tempfile
import unittest

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "deps_check.py")

# A clean tree: base <- money <- store; policy <- engine; ops links store; reports links money.
CLEAN = {
    "ledger/base/CMakeLists.txt": "# base\nsubsidy_module(ledger_base DEPS OpenSSL::Crypto)\n",
    "ledger/base/error.h": "// Errors.\n#pragma once\n#include <openssl/evp.h>\n",
    "ledger/money/CMakeLists.txt": "subsidy_module(ledger_money DEPS ledger_base Boost::headers)\n",
    "ledger/money/money.h": "// Money.\n#pragma once\n#include \"ledger/base/error.h\"\n",
    "ledger/money/words.h": "// Private to the money module: words.\n#pragma once\n",
    "ledger/money/money.cpp": "#include \"ledger/money/money.h\"\n#include \"ledger/money/words.h\"\n",
    "ledger/store/CMakeLists.txt": "subsidy_module(ledger_store DEPS ledger_money\n    PkgConfig::SQLCIPHER\n    SOURCES ${X}/gen.cpp)\n",
    "ledger/store/store.h": "// The store.\n#pragma once\n#include <sqlite3.h>\n#include \"ledger/base/error.h\"\n",
    "ledger/policy/CMakeLists.txt": "subsidy_module(ledger_policy DEPS ledger_money)\n",
    "ledger/policy/policy.h": "// Policy.\n#pragma once\n#include \"ledger/money/money.h\"\n",
    "ledger/engine/CMakeLists.txt": "subsidy_module(ledger_engine DEPS ledger_policy)\n",
    "ledger/engine/assess.cpp": (
        "// The engine.\n#include \"ledger/policy/policy.h\"\n#include \"ledger/base/error.h\"\n"
        "// #include \"ledger/store/store.h\" is only a comment\n#include <vector>\n"),
    "ledger/ops/CMakeLists.txt": "subsidy_module(ledger_ops DEPS ledger_store ledger_engine)\n",
    "ledger/ops/op.h": "// Ops.\n#pragma once\n#include \"ledger/store/store.h\"\n#include \"ledger/engine/assess.h\"\n",
    "ledger/ops/op.cpp": "#include \"ledger/ops/op.h\"\nvoid f(Db& db) { Transaction tx(db); db.exec(\"BEGIN\"); }\n",
    "ledger/CMakeLists.txt": "add_library(ledger INTERFACE)\ntarget_link_libraries(ledger INTERFACE ledger_ops)\n",
    "reports/CMakeLists.txt": "subsidy_module(reports DEPS ledger_money)\n",
    "reports/report.cpp": "#include \"reports/report.h\"\n#include \"ledger/money/money.h\"\n",
    "reports/report.h": "// A report.\n#pragma once\n",
    "tools/CMakeLists.txt": (
        "add_executable(subsidy ${sources})\n"
        "target_link_libraries(subsidy PRIVATE ledger reports CLI11::CLI11)\n"),
    "tools/subsidy/cli.h": "// The CLI.\n#pragma once\n#include <CLI/CLI.hpp>\n",
    "tools/subsidy/cmd_x.cpp": (
        "// A command. Transaction, post_entry and db.prepare( in a comment are fine.\n"
        "#include \"cli.h\"\n#include \"ledger/ops/op.h\"\n#include \"reports/report.h\"\n"
        "const char* kMessage = \"Transaction refused: post_entry said SELECT nothing\";\n"
        "const char* kZh = \"选择 SELECT 之外\";\n"
        "char quote = '\"'; long big = 1'000'000; const char* s = \"Select a year from the list\";\n"
        "int run() { return ops::do_it(); }\n"),
}


def write_tree(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


class DepsCheckTest(unittest.TestCase):
    def run_checker(self, changes, allow=None):
        with tempfile.TemporaryDirectory() as root:
            files = dict(CLEAN)
            files.update(changes)
            write_tree(root, {p: t for p, t in files.items() if t is not None})
            args = [sys.executable, CHECKER, "--root", root]
            if allow is not None:
                with open(os.path.join(root, "allow.txt"), "w", encoding="utf-8") as f:
                    f.write(allow)
                args += ["--allow", os.path.join(root, "allow.txt")]
            result = subprocess.run(args, capture_output=True, text=True, check=False)
            return result.returncode, result.stdout.splitlines(), result.stderr

    def test_clean_tree_passes(self):
        status, lines, err = self.run_checker({})
        self.assertEqual((status, lines), (0, []), err)

    def test_include_of_an_unlinked_module_fails(self):
        status, lines, _ = self.run_checker(
            {"reports/report.cpp": "#include \"reports/report.h\"\n\n#include \"ledger/policy/policy.h\"\n"})
        self.assertEqual(status, 1)
        self.assertEqual(lines, ["reports/report.cpp:3: module reports includes ledger/policy/policy.h "
                                 "which it does not link (ledger_policy)"])

    def test_transitive_links_count(self):
        # engine -> policy -> money -> base: base's header is linked through two modules.
        status, lines, _ = self.run_checker(
            {"ledger/engine/assess.h": "// E.\n#include \"ledger/base/error.h\"\n#include <boost/x.hpp>\n"})
        self.assertEqual((status, lines), (0, []))

    def test_unlinked_package_fails(self):
        status, lines, _ = self.run_checker({"reports/report.h": "// R.\n#include <libxml/tree.h>\n"})
        self.assertEqual(status, 1)
        self.assertEqual(lines, ["reports/report.h:2: module reports includes libxml/tree.h which it does "
                                 "not link (PkgConfig::LIBXML2)"])

    def test_unknown_module_fails(self):
        status, lines, _ = self.run_checker({"reports/report.h": "// R.\n#include \"ledger/nowhere/x.h\"\n"})
        self.assertEqual(status, 1)
        self.assertIn("which no module owns", lines[0])

    def test_engine_including_sqlite_or_store_fails(self):
        status, lines, _ = self.run_checker(
            {"ledger/engine/assess.cpp": "#include <sqlite3.h>\n#include \"ledger/store/store.h\"\n"})
        self.assertEqual(status, 1)
        self.assertEqual(lines, [
            "ledger/engine/assess.cpp:1: module ledger_engine includes sqlite3.h; it must stay pure (no SQLite)",
            "ledger/engine/assess.cpp:2: module ledger_engine includes ledger/store/store.h; it must stay pure "
            "(no SQLite)"])

    def test_engine_linking_store_fails_even_transitively(self):
        status, lines, _ = self.run_checker(
            {"ledger/policy/CMakeLists.txt": "subsidy_module(ledger_policy DEPS ledger_money ledger_store)\n"})
        self.assertEqual(status, 1)
        self.assertIn("ledger/engine/CMakeLists.txt:1: module ledger_engine links ledger_store "
                      "(ledger_engine -> ledger_policy -> ledger_store); it must stay pure", lines)

    def test_private_header_of_another_module_fails_and_can_be_allowed(self):
        change = {"ledger/store/store.cpp": "#include \"ledger/store/store.h\"\n#include \"ledger/money/words.h\"\n"}
        status, lines, _ = self.run_checker(change)
        self.assertEqual(status, 1)
        self.assertEqual(lines, ["ledger/store/store.cpp:2: ledger/store/store.cpp includes ledger/money/words.h, "
                                 "which is private to ledger/money/"])
        status, lines, _ = self.run_checker(change, allow="# known\nledger/store/store.cpp: being fixed\n")
        self.assertEqual(status, 0)
        self.assertTrue(lines[0].startswith("ledger/store/store.cpp:2: allowed (being fixed): "))

    def test_front_end_sql_and_posting_fail(self):
        status, lines, _ = self.run_checker({"tools/subsidy/cmd_bad.cpp": (
            "#include \"ledger/ops/op.h\"\n"
            "#include <sqlite3.h>\n"
            "void f(Db& db) {\n"
            "  Transaction tx(db);\n"
            "  Statement s = db.prepare(\"SELECT COUNT(*) \"\n"
            "                           \"FROM applications\");\n"
            "  post_entry(db, draft);\n"
            "  JournalWriter w(db);\n"
            "  db.exec(R\"sql(\n  CREATE TABLE t (x);\n)sql\");\n"
            "}\n")})
        self.assertEqual(status, 1)
        self.assertEqual(lines, [
            "tools/subsidy/cmd_bad.cpp:2: tools/subsidy includes sqlite3.h (SQLite belongs in ledger/store)",
            "tools/subsidy/cmd_bad.cpp:4: tools/subsidy opens a Transaction itself; write through ledger/ops",
            "tools/subsidy/cmd_bad.cpp:5: tools/subsidy calls .prepare( (SQL belongs in ledger/)",
            "tools/subsidy/cmd_bad.cpp:5: tools/subsidy contains SQL: \"SELECT COUNT(*) FROM applications\"",
            "tools/subsidy/cmd_bad.cpp:7: tools/subsidy posts an entry directly (post_entry); write through ledger/ops",
            "tools/subsidy/cmd_bad.cpp:8: tools/subsidy posts entries directly (JournalWriter); write through "
            "ledger/ops",
            "tools/subsidy/cmd_bad.cpp:9: tools/subsidy calls .exec( (SQL belongs in ledger/)",
            "tools/subsidy/cmd_bad.cpp:9: tools/subsidy contains SQL: \"CREATE TABLE t (x);\"",
        ])

    def test_front_end_private_header_fails(self):
        status, lines, _ = self.run_checker(
            {"tools/subsidy/cmd_y.cpp": "#include \"ledger/money/words.h\"\n"})
        self.assertEqual(status, 1)
        self.assertIn("which is private to ledger/money/", lines[0])

    def test_allow_list_never_excuses_a_missing_link(self):
        status, lines, err = self.run_checker(
            {"reports/report.cpp": "#include \"ledger/policy/policy.h\"\n"},
            allow="reports/report.cpp: no\ntools/subsidy/gone.cpp: stale\n")
        self.assertEqual(status, 1)
        self.assertIn("which it does not link", lines[0])
        self.assertIn("note: reports/report.cpp is in the allow-list but has nothing left to allow", err)
        self.assertIn("note: tools/subsidy/gone.cpp is in the allow-list", err)


if __name__ == "__main__":
    unittest.main()
