// Test helpers for the policy engine: a small builder of AssessInput rows (one enterprise and
// project at a time, with a large tax retention unless told otherwise) and look-ups into the
// result.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "ledger/engine/assess.h"
#include "ledger/policy/policy.h"

namespace subsidy::testing {

inline Money yuan(const char* text) {
  auto parsed = parse_money(text);
  REQUIRE(parsed);
  return *parsed.value;
}

class CountyBuilder {
 public:
  explicit CountyBuilder(int year = 2023) { input_.year = year; }

  // An enterprise with the given retention (none: "" → held), region "P01".
  CountyBuilder& enterprise(const std::string& uscc, const char* retention = "100000000.00") {
    EnterpriseInput& added = input_.enterprises.emplace_back();
    added.uscc = uscc;
    added.region_code = "P01";
    if (*retention != '\0') added.local_retained_tax = yuan(retention);
    return *this;
  }
  CountyBuilder& event(const std::string& name, std::optional<const char*> factor = std::nullopt) {
    std::optional<Decimal> parsed;
    if (factor) parsed = *Decimal::parse_plain(*factor).value;
    input_.enterprises.back().events.push_back({name, parsed});
    return *this;
  }
  CountyBuilder& project(const std::string& id, const char* superior = "") {
    ProjectInput& added = input_.projects.emplace_back();
    added.project_id = id;
    if (*superior != '\0') added.superior_award = yuan(superior);
    return *this;
  }
  // An application of the last enterprise and project added.
  ApplicationInput& application(const std::string& id, const std::string& scheme) {
    ApplicationInput& added = input_.applications.emplace_back();
    added.application_id = id;
    added.project_id = input_.projects.back().project_id;
    added.uscc = input_.enterprises.back().uscc;
    added.scheme = scheme;
    return added;
  }
  CountyBuilder& earlier(const std::string& uscc, const std::string& scheme) {
    input_.earlier_awards.push_back({uscc, scheme, {}, 0});
    return *this;
  }
  AssessInput& input() { return input_; }

 private:
  AssessInput input_;
};

inline const ApplicationResult& result_of(const Assessment& assessment, const std::string& id) {
  for (const ApplicationResult& app : assessment.applications) {
    if (app.application_id == id) return app;
  }
  FAIL("no application " << id);
  throw std::logic_error("unreachable");
}

inline std::vector<std::string> reasons_of(const ApplicationResult& app) {
  std::vector<std::string> codes;
  for (const Reason& reason : app.reasons) codes.push_back(reason.to_string());
  return codes;
}

}  // namespace subsidy::testing
