// Fuzz target for the policy loader (policy.h) over arbitrary TOML text. Every input must either be
// refused with InputError (located problems, each with a reason) or give a Policy that keeps the
// loader's promises: a non-empty period in order, unique scheme codes each found by scheme() with
// its inputs, rates in 0..1, no negative amount or cap, at most one rule per kind, and rules that
// find_rule returns. Any other exception escapes and counts as a crash.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "ledger/base/error.h"
#include "ledger/policy/policy.h"

namespace {

using subsidy::fuzz::require;

constexpr size_t kMaxInputBytes = 16 * 1024;  // the real policy is about 10 KiB

void check_scheme(const subsidy::Policy& policy, const subsidy::Scheme& scheme,
                  std::string_view text) {
  require(!scheme.code.empty(), "a scheme has a code", text);
  require(&policy.scheme(scheme.code) == &scheme, "scheme() finds the first of its code", text);
  require(policy.scheme_inputs(scheme.code) == scheme.inputs, "scheme_inputs agrees", text);
  require(scheme.amount.fen() >= 0, "no negative amount", text);
  require(!scheme.cap || scheme.cap->fen() >= 0, "no negative cap", text);
  for (const subsidy::RateTerm& term : scheme.terms) {
    require(term.rate >= subsidy::Decimal() && term.rate <= subsidy::Decimal(1, 0), "rate in 0..1",
            text);
  }
  for (const subsidy::Tier& tier : scheme.tiers) {
    require(tier.amount.fen() >= 0, "no negative tier amount", text);
  }
}

void check_policy(const subsidy::Policy& policy, std::string_view text) {
  require(policy.effective_from() <= policy.effective_to(), "period in order", text);
  std::set<std::string, std::less<>> codes;
  for (const subsidy::Scheme& scheme : policy.schemes()) {
    require(codes.insert(scheme.code).second, "scheme codes are unique", text);
    check_scheme(policy, scheme, text);
  }
  std::set<subsidy::RuleKind> kinds;
  for (const subsidy::Rule& rule : policy.rules()) {
    require(kinds.insert(rule.kind).second, "one rule per kind", text);
    require(policy.find_rule(rule.kind) == &rule, "find_rule finds the rule", text);
    if (const auto* limit = std::get_if<subsidy::SchemeLimitParams>(&rule.params)) {
      for (const std::string& code : limit->schemes) {
        require(policy.has_scheme(code), "a limit names known schemes", text);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const subsidy::Policy policy = subsidy::load_policy(text, "fuzz.toml");
    check_policy(policy, text);
  } catch (const subsidy::InputError& error) {
    require(!error.problems().empty(), "a refused policy lists a problem", text);
    for (const auto& problem : error.problems()) {
      require(!problem.reason.empty(), "a problem has a reason", text);
      require(problem.file == "fuzz.toml", "a problem names the file", text);
    }
  }
  return 0;
}
