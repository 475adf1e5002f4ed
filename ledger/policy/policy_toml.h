// Private to the policy loader: a checked reader over one toml++ table. Each getter reports a
// located problem (file:line:column: reason) instead of throwing, so that one pass over a policy
// file finds every problem; finish() reports the keys no getter asked for (the unknown keys). A
// TOML float is always refused with a message to quote it, because toml++ would hand us a binary
// double.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ledger/base/error.h"
#include "ledger/policy/policy.h"

namespace subsidy::policy_toml {

// A limit on every list read from a policy file: no real policy comes near it.
inline constexpr size_t kMaxListItems = 1000;

// Where the problems of one file are collected.
struct ProblemSink {
  std::string source;  // the file name put in front of every problem
  std::vector<InputProblem> problems;

  void add(const toml::source_region& where, std::string reason);
};

// A string value with the node it came from, for locating later problems about it.
struct LocatedText {
  std::string value;
  const toml::node* node = nullptr;
};

class Table {
 public:
  Table(ProblemSink& sink, const toml::table& table) : sink_(sink), table_(table) {}
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  const toml::source_region& where() const { return table_.source(); }
  ProblemSink& sink() { return sink_; }

  // The node of `key`, or nullptr (reported as missing when required). Marks the key as known.
  const toml::node* node(std::string_view key, bool required);
  // A non-empty quoted string.
  std::optional<LocatedText> text(std::string_view key, bool required = true);
  // A non-negative amount written as a quoted string ("1000000.00").
  std::optional<Money> money(std::string_view key, bool required = true);
  // An exact decimal written as a quoted string; with `unit_interval` it must lie in 0..1, which
  // refuses a rate over 100% and a negative rate or factor.
  std::optional<Decimal> decimal(std::string_view key, bool unit_interval, bool required = true);
  std::optional<bool> boolean(std::string_view key);
  // A TOML local date (2022-01-01, unquoted).
  std::optional<CalendarDate> date(std::string_view key);
  // A rounding mode by its name ("half_up").
  std::optional<Rounding> rounding(std::string_view key);
  // The tables of an array of tables or of inline tables; empty when absent or malformed. With
  // `non_empty`, an empty array is reported.
  std::vector<const toml::table*> tables(std::string_view key, bool required,
                                         bool non_empty = false);
  // A list of non-empty quoted strings.
  std::vector<LocatedText> texts(std::string_view key, bool required = true);
  // Reports every key of the table that no getter asked for.
  void finish();

 private:
  bool expect(const toml::node& found, std::string_view key, toml::node_type type,
              std::string_view words);
  const toml::array* array(std::string_view key, bool required, toml::node_type item_type,
                           std::string_view item_words);

  ProblemSink& sink_;
  const toml::table& table_;
  std::set<std::string, std::less<>> asked_;
};

}  // namespace subsidy::policy_toml
