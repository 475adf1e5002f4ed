// Runs IBM's General Decimal Arithmetic test cases (the *.decTest files in
// SUBSIDY_SHARED_DIR/dectest, read straight from there) against Decimal, so that our rounding,
// exponents and strings agree with the specification the rest of the world implements. Cases run in
// three kinds:
// - quantize: every case whose operands are finite numbers, under the file's own precision,
//   rounding and exponent limits. Decimal has no context, so this runner applies the context the
//   way the specification does: a result with more digits than `precision`, or an exponent outside
//   [Etiny, Emax], is Invalid_operation (NaN), and so is our own refusal (OverflowError, or an
//   exponent that does not fit an int32).
// - plain exact: add, subtract, multiply, compare, abs, minus with operands and result in plain
//   notation and no condition raised (no rounding at the precision, no exponent limit): what an
//   exact fixed-scale type must get right with no help at all.
// - scientific or rounded: the other finite cases of those operations whose only conditions are
//   Inexact/Rounded: our exact result, rounded by this runner to the precision with
//   Decimal::quantize in the file's rounding mode. rounding.decTest makes this exercise all seven
//   of our modes, negative ties too.
// Decimal has no negative zero, so an expected "-0…" is compared without its sign (counted apart).
// Every other case is skipped with a reason; the test prints per file how many ran, passed and were
// skipped by reason, and fails on any failure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "ledger/money/decimal.h"
#include "ledger/base/error.h"

using subsidy::Decimal;
using subsidy::Rounding;

namespace {

constexpr size_t kMaxLinesPerFile = 20000;  // the largest file has under 3,000
constexpr size_t kMaxTokensPerLine = 32;
constexpr size_t kMaxFailuresShown = 20;

// The context directives in force for a test case, with the specification's defaults.
struct Context {
  int64_t precision = 9;
  std::string rounding = "half_up";
  int64_t max_exponent = 999;
  int64_t min_exponent = -999;
  int64_t clamp = 0;
};

struct TestLine {
  size_t line = 0;
  std::string id;
  std::string operation;  // lower case
  std::vector<std::string> operands;
  std::string expected;
  std::vector<std::string> conditions;
};

constexpr const char* kQuantize = "quantize";
constexpr const char* kPlainExact = "plain exact";
constexpr const char* kRounded = "scientific or rounded to the precision";

// What happened to one case: skipped (with why), or run as `kind` with our result.
struct Outcome {
  std::string skip;
  std::string actual;
  const char* kind = kQuantize;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Splits a line into tokens: blanks separate, '…' and "…" quote (a doubled quote inside is one
// literal quote), and "--" outside quotes starts a comment.
std::vector<std::string> tokenize(const std::string& line) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size() && tokens.size() <= kMaxTokensPerLine) {
    if (std::isspace(static_cast<unsigned char>(line[i]))) {
      ++i;
    } else if (line.compare(i, 2, "--") == 0) {
      break;
    } else if (line[i] == '\'' || line[i] == '"') {
      const char quote = line[i++];
      std::string token;
      while (i < line.size()) {
        if (line[i] == quote && i + 1 < line.size() && line[i + 1] == quote) {
          token.push_back(quote);
          i += 2;
        } else if (line[i] == quote) {
          ++i;
          break;
        } else {
          token.push_back(line[i++]);
        }
      }
      tokens.push_back(token);
    } else {
      const size_t end = line.find_first_of(" \t\r", i);
      tokens.push_back(line.substr(i, end == std::string::npos ? std::string::npos : end - i));
      i = end == std::string::npos ? line.size() : end;
    }
  }
  return tokens;
}

int64_t directive_integer(std::string value) {
  if (!value.empty() && value[0] == '+') value.erase(0, 1);
  int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  INFO("directive value " << value);
  REQUIRE((error == std::errc() && end == value.data() + value.size()));
  return number;
}

void apply_directive(Context& context, const std::string& key, const std::string& value) {
  if (key == "precision") {
    context.precision = directive_integer(value);
  } else if (key == "rounding") {
    context.rounding = lower(value);
  } else if (key == "maxexponent") {
    context.max_exponent = directive_integer(value);
  } else if (key == "minexponent") {
    context.min_exponent = directive_integer(value);
  } else if (key == "clamp") {
    context.clamp = directive_integer(value);
  } else {
    INFO("unknown decTest directive " << key);
    REQUIRE((key == "version" || key == "extended"));
  }
}

// NaN, sNaN, Infinity, or a '#' encoding ("#", "64#…"): values this type does not have.
bool is_special(const std::string& token) {
  std::string body = lower(token);
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.erase(0, 1);
  return body.empty() || body.find('#') != std::string::npos || body.rfind("inf", 0) == 0 ||
         body.rfind("nan", 0) == 0 || body.rfind("snan", 0) == 0;
}

bool is_plain(const std::string& token) {
  return token.find_first_of("eE") == std::string::npos;
}

int64_t adjusted_exponent(const Decimal& value) {
  return int64_t{value.exponent()} + value.digits() - 1;
}

// Parses an operand. Returns false and sets `outcome` when it is not a Decimal: an exponent beyond
// int32 is our refusal (NaN); too many digits for Int128 is a skip.
bool parse_operand(const std::string& text, Decimal& value, Outcome& outcome) {
  const auto parsed = Decimal::parse_scientific(text);
  if (parsed) {
    value = *parsed.value;
    return true;
  }
  if (parsed.error.find("out of range") != std::string::npos) {
    outcome.actual = "NaN";
  } else if (parsed.error.find("too many digits") != std::string::npos) {
    outcome.skip = "operand does not fit Int128";
  } else {
    outcome.actual = "unparsable operand " + text + ": " + parsed.error;
  }
  return false;
}

// quantize under the context: the specification's checks around Decimal::quantize.
Outcome run_quantize(const TestLine& test, const Context& context) {
  Outcome outcome;
  const auto mode = subsidy::rounding_from_name(context.rounding);
  if (!mode) return {"rounding mode " + context.rounding + " not supported", ""};
  Decimal value, pattern;
  if (!parse_operand(test.operands[0], value, outcome) ||
      !parse_operand(test.operands[1], pattern, outcome)) {
    return outcome;
  }
  const int64_t target = pattern.exponent();
  const int64_t tiny_exponent = context.min_exponent - (context.precision - 1);
  if (target < tiny_exponent || target > context.max_exponent) return {"", "NaN"};
  Decimal result;
  try {
    result = value.quantize(pattern.exponent(), *mode);
  } catch (const subsidy::OverflowError&) {
    return {"", "NaN"};
  }
  if (result.digits() > context.precision) return {"", "NaN"};
  if (!result.is_zero() && adjusted_exponent(result) > context.max_exponent) return {"", "NaN"};
  return {"", result.to_scientific_string()};
}

// The exact result of one of the six operations; throws OverflowError when it does not fit.
Decimal exact_result(const std::string& operation, const std::vector<Decimal>& operands) {
  if (operation == "add") return operands[0] + operands[1];
  if (operation == "subtract") return operands[0] - operands[1];
  if (operation == "multiply") return operands[0] * operands[1];
  if (operation == "abs") return operands[0].abs();
  if (operation == "minus") return -operands[0];
  const auto order = operands[0] <=> operands[1];  // compare
  return Decimal::from_integer(order < 0 ? -1 : (order > 0 ? 1 : 0));
}

// The exact value rounded to `precision` digits with `mode`, as the specification rounds results.
Decimal round_to_precision(const Decimal& exact, int64_t precision, Rounding mode) {
  const int64_t excess = exact.digits() - precision;
  if (excess <= 0) return exact;
  const Decimal rounded = exact.quantize(static_cast<int32_t>(exact.exponent() + excess), mode);
  if (rounded.digits() <= precision) return rounded;
  // Rounding carried into one more digit (999.9 → 1000): the coefficient is ±10^precision.
  return Decimal(rounded.coefficient() / 10, rounded.exponent() + 1);
}

// add/subtract/multiply/compare/abs/minus: plain exact cases as they are, the others rounded to the
// precision. Cases that touch the exponent limits are skipped (this type has none).
Outcome run_arithmetic(const TestLine& test, const Context& context) {
  bool rounded = false;
  for (const std::string& condition : test.conditions) {
    const std::string name = lower(condition);
    if (name != "inexact" && name != "rounded") {
      return {"exponent limits (clamped, subnormal, underflow, overflow)", "", kRounded};
    }
    rounded = true;
  }
  bool plain = is_plain(test.expected);
  for (const std::string& operand : test.operands) plain = plain && is_plain(operand);
  const char* kind = plain && !rounded ? kPlainExact : kRounded;
  const auto mode = subsidy::rounding_from_name(context.rounding);
  if (rounded && !mode) return {"rounding mode " + context.rounding + " not supported", "", kind};
  Outcome outcome{"", "", kind};
  std::vector<Decimal> operands(test.operands.size());
  for (size_t i = 0; i < operands.size(); ++i) {
    if (!parse_operand(test.operands[i], operands[i], outcome)) return outcome;
  }
  try {
    const Decimal exact = exact_result(test.operation, operands);
    const bool round = kind == kRounded && mode;
    outcome.actual = (round ? round_to_precision(exact, context.precision, *mode) : exact)
                         .to_scientific_string();
  } catch (const subsidy::OverflowError&) {
    outcome.skip = "result does not fit Int128";
  }
  return outcome;
}

size_t operand_count(const std::string& operation) {
  if (operation == "abs" || operation == "minus") return 1;
  if (operation == "add" || operation == "subtract" || operation == "multiply" ||
      operation == "compare" || operation == "quantize") {
    return 2;
  }
  return 0;  // not an operation this runner covers
}

Outcome run_case(const TestLine& test, const Context& context) {
  const size_t arity = operand_count(test.operation);
  if (arity == 0) return {"operation " + test.operation + " not covered", ""};
  INFO(test.id << ": " << test.operation << " needs " << arity << " operands");
  REQUIRE(test.operands.size() == arity);
  bool special = false;
  for (const std::string& operand : test.operands) special = special || is_special(operand);
  if (special) return {"NaN, Infinity or encoded operand", ""};
  // A quantize of finite operands may rightly give NaN (Invalid_operation); it is run.
  if (is_special(test.expected) && !(test.operation == "quantize" && test.expected == "NaN")) {
    return {"NaN, Infinity or encoded result", ""};
  }
  if (context.clamp != 0) return {"clamp: 1 not modelled", ""};
  if (test.operation == "quantize") return run_quantize(test, context);
  return run_arithmetic(test, context);
}

struct FileStats {
  size_t ran = 0;
  size_t passed = 0;
  size_t zero_sign_ignored = 0;
  size_t expected_nan = 0;                    // quantize cases that must be Invalid_operation
  std::map<std::string, size_t> ran_by_kind;  // quantize, plain exact, rounded
  std::map<std::string, size_t> ran_by_rounding;
  std::map<std::string, size_t> skipped;
  std::vector<std::string> failures;
};

// Compares our result with the expected one, ignoring only the sign of an expected negative zero.
void record(FileStats& stats, const TestLine& test, const Context& context,
            const Outcome& outcome) {
  if (!outcome.skip.empty()) {
    ++stats.skipped[outcome.skip];
    return;
  }
  ++stats.ran;
  ++stats.ran_by_kind[outcome.kind];
  ++stats.ran_by_rounding[context.rounding];
  if (test.expected == "NaN") ++stats.expected_nan;
  const std::string& expected = test.expected;
  const bool zero_sign = expected.size() > 1 && expected[0] == '-' &&
                         expected.compare(1, std::string::npos, outcome.actual) == 0 &&
                         Decimal::parse_scientific(outcome.actual) &&
                         Decimal::parse_scientific(outcome.actual).value->is_zero();
  if (outcome.actual == expected || zero_sign) {
    ++stats.passed;
    if (zero_sign) ++stats.zero_sign_ignored;
    return;
  }
  stats.failures.push_back("line " + std::to_string(test.line) + " " + test.id + " " +
                           test.operation + ": expected " + expected + ", got " + outcome.actual +
                           " (precision " + std::to_string(context.precision) + ", " +
                           context.rounding + ")");
}

// Parses one test line's tokens ("id operation operands… -> result conditions…").
TestLine parse_test_line(const std::vector<std::string>& tokens, size_t line_number) {
  TestLine test;
  test.line = line_number;
  const auto arrow = std::find(tokens.begin(), tokens.end(), "->");
  INFO("line " << line_number << ": a test case needs `id operation … -> result`");
  REQUIRE((tokens.size() >= 4 && arrow != tokens.end() && arrow + 1 != tokens.end() &&
           arrow - tokens.begin() >= 2));
  test.id = tokens[0];
  test.operation = lower(tokens[1]);
  test.operands.assign(tokens.begin() + 2, arrow);
  test.expected = *(arrow + 1);
  test.conditions.assign(arrow + 2, tokens.end());
  return test;
}

FileStats run_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  Context context;
  FileStats stats;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    REQUIRE(line_number <= kMaxLinesPerFile);
    const std::vector<std::string> tokens = tokenize(line);
    if (tokens.empty()) continue;
    INFO(path.filename().string() << " line " << line_number);
    REQUIRE(tokens.size() <= kMaxTokensPerLine);
    if (tokens[0].back() == ':') {
      REQUIRE(tokens.size() == 2);
      apply_directive(context, lower(tokens[0].substr(0, tokens[0].size() - 1)), tokens[1]);
      continue;
    }
    const TestLine test = parse_test_line(tokens, line_number);
    record(stats, test, context, run_case(test, context));
  }
  return stats;
}

void print(const std::string& name, const FileStats& stats) {
  size_t skipped = 0;
  for (const auto& [reason, count] : stats.skipped) skipped += count;
  std::cout << name << ": ran " << stats.ran << ", passed " << stats.passed << " ("
            << stats.zero_sign_ignored << " negative zeros compared without their sign), failed "
            << stats.failures.size() << ", skipped " << skipped << "\n";
  for (const auto& [kind, count] : stats.ran_by_kind) {
    std::cout << "    ran " << kind << ": " << count << "\n";
  }
  if (stats.expected_nan > 0) {
    std::cout << "    ran expecting NaN (Invalid_operation): " << stats.expected_nan << "\n";
  }
  for (const auto& [rounding, count] : stats.ran_by_rounding) {
    std::cout << "    ran under " << rounding << ": " << count << "\n";
  }
  for (const auto& [reason, count] : stats.skipped) {
    std::cout << "    skipped " << count << ": " << reason << "\n";
  }
  for (size_t i = 0; i < stats.failures.size() && i < kMaxFailuresShown; ++i) {
    std::cout << "    FAILED " << stats.failures[i] << "\n";
  }
}

}  // namespace

TEST_CASE("the decimal specification's test cases pass") {
  const std::filesystem::path directory = std::filesystem::path(SUBSIDY_SHARED_DIR) / "dectest";
  // The files this runner is written for, each with the kind of case it is mostly there for and a
  // floor under how many of those must run: a guard against a runner that silently skips
  // everything. (Any other *.decTest in the directory is run too.)
  struct Expectation {
    const char* kind;
    size_t minimum_ran;
  };
  const std::map<std::string, Expectation> expected_files = {
      {"quantize.decTest", {kQuantize, 600}},   {"add.decTest", {kPlainExact, 300}},
      {"subtract.decTest", {kPlainExact, 200}}, {"multiply.decTest", {kPlainExact, 100}},
      {"compare.decTest", {kPlainExact, 250}},  {"abs.decTest", {kPlainExact, 30}},
      {"minus.decTest", {kPlainExact, 20}},     {"rounding.decTest", {kRounded, 450}}};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".decTest") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& [name, expectation] : expected_files) {
    INFO(name << " is missing from " << directory);
    CHECK(std::find(files.begin(), files.end(), directory / name) != files.end());
  }
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    FileStats stats = run_file(path);
    print(name, stats);
    INFO(name);
    CHECK(stats.failures.empty());
    CHECK(stats.passed == stats.ran);
    if (const auto found = expected_files.find(name); found != expected_files.end()) {
      CHECK(stats.ran_by_kind[found->second.kind] >= found->second.minimum_ran);
    }
  }
}
