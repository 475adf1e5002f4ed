// Private to the policy loader: the reader of one policy file, split over policy_load.cpp
// (identity, period, schemes) and policy_load_rules.cpp (rules and the checks over the whole file).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/policy/policy.h"
#include "ledger/policy/policy_toml.h"

namespace subsidy {

using policy_toml::LocatedText;
using policy_toml::ProblemSink;
using policy_toml::Table;

// Reads one file; load() throws InputError with every problem found, or returns the policy.
class PolicyLoader {
 public:
  explicit PolicyLoader(std::string_view source_name) { sink_.source = source_name; }
  Policy load(std::string_view toml_text);

 private:
  void read_identity(Table& root, Policy& policy);
  void read_version(Table& root, Policy& policy);
  void read_scheme(Table& table, Scheme& scheme);
  void read_formula(Table& table, Scheme& scheme, FormulaKind kind);
  std::vector<RateTerm> read_terms(Table& table);
  void read_once(Table& table, Scheme& scheme);
  Decimal read_factor(Table& table, std::string_view key);
  void read_bands(Table& table, Scheme& scheme);
  void read_limit(Table& table, Rule& rule);
  std::vector<std::string> limit_schemes(Table& table);
  std::vector<Condition> read_conditions(Table& table, std::string_view key);
  void read_rule(Table& table, Rule& rule);
  std::vector<std::string> scheme_list(Table& table, std::string_view key, bool required);
  std::string event_name(const LocatedText& event);
  void read_rule_params(Table& table, Rule& rule);
  void check_rules(const toml::table& root, const Policy& policy);

  ProblemSink sink_;
  std::set<std::string, std::less<>> scheme_codes_;  // the codes read so far
  std::set<RuleKind> rule_kinds_;                    // the rule kinds read so far
  std::vector<std::string> scheme_order_;            // the codes read so far, in file order
  std::set<std::string, std::less<>> limit_names_;   // the enterprise_scheme_limit names so far
  bool unnamed_limit_ = false;                       // an enterprise_scheme_limit without a name
};

}  // namespace subsidy
