// Booking an assessment (assess_run.h): the award differences go into the ledger through
// post_award_differences, and the run with every application's and enterprise's result goes into
// the assessment record (migration 004), so reports read what was booked and why.
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "ledger/awards/assess_run.h"
#include "ledger/awards/award_posting.h"
#include "ledger/base/check.h"
#include "ledger/base/sha256.h"
#include "ledger/engine/assess_output.h"
#include "ledger/masterdata/masterdata.h"

namespace subsidy {

namespace {

std::set<std::string> county_only_schemes(const Policy& policy) {
  std::set<std::string> schemes;
  if (const Rule* rule = policy.find_rule(RuleKind::cost_split)) {
    for (const std::string& code : std::get<CostSplitParams>(rule->params).county_only_schemes) {
      schemes.insert(code);
    }
  }
  return schemes;
}

std::vector<AwardTarget> award_targets(const Assessment& assessment, const Policy& policy) {
  std::map<std::string, std::string> region_of;
  for (const EnterpriseResult& enterprise : assessment.enterprises) {
    region_of[enterprise.uscc] = enterprise.region_code;
  }
  const std::set<std::string> county_only = county_only_schemes(policy);
  std::vector<AwardTarget> targets;
  targets.reserve(assessment.applications.size());
  for (const ApplicationResult& result : assessment.applications) {
    AwardTarget target;
    target.application_id = result.application_id;
    target.uscc = result.uscc;
    target.region_code = region_of.at(result.uscc);
    target.scheme = result.scheme;
    target.fiscal_year = assessment.year;
    target.county_only = county_only.count(result.scheme) != 0;
    target.status = result.status;
    target.amount = result.status == Status::awarded ? result.amount : Money();
    target.county_share = result.county_share;
    target.region_share = result.region_share;
    targets.push_back(std::move(target));
  }
  return targets;
}

// The application's trace as data (migration 005): one object per step, with the numbers and codes
// `explain` renders; nullopt when the application was not traced.
std::optional<std::string> steps_json(const ApplicationResult& result) {
  if (result.trace.empty()) return std::nullopt;
  nlohmann::json steps = nlohmann::json::array();
  for (const TraceStep& step : result.trace) {
    nlohmann::json item = {{"rule", step.rule},
                           {"kind", step_kind_name(step.kind)},
                           {"result_fen", step.result.fen()}};
    if (!step.formula.empty()) item["formula"] = step.formula;
    if (!step.exact.empty()) item["exact"] = step.exact;
    if (step.rounding) item["rounding"] = rounding_name(*step.rounding);
    if (!step.detail.empty()) item["detail"] = step.detail;
    if (step.reason) item["reason"] = reason_code_name(*step.reason);
    if (step.pro_rata) {
      const ProRataShare& share = *step.pro_rata;
      // Int128 values as decimal strings: JSON numbers lose precision beyond 2^53.
      item["pro_rata"] = {
          {"limit_fen", share.limit_fen},       {"claim_fen", share.claim_fen},
          {"total_fen", share.total_fen.str()}, {"floor_fen", share.floor_fen},
          {"remainder", share.remainder.str()}, {"left_over_fen", share.left_over_fen},
          {"extra_fen", share.extra_fen}};
    }
    steps.push_back(std::move(item));
  }
  return steps.dump();
}

std::string reasons_json(const ApplicationResult& result) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const Reason& reason : result.reasons) reasons.push_back(reason.to_string());
  return reasons.dump();
}

void record_applications(Db& db, int64_t run_id, const Assessment& assessment,
                         const std::map<std::string, Application>& inputs,
                         const std::map<std::string, std::string>& region_of) {
  Statement insert = db.prepare(
      "INSERT INTO assessment_results (run_id, application_id, project_id, uscc, region_code, "
      "scheme, status, amount_fen, county_share_fen, region_share_fen, formula_fen, "
      "loan_amount_fen, reasons, steps) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const ApplicationResult& result : assessment.applications) {
    const auto input = inputs.find(result.application_id);
    SUBSIDY_ASSERT_MSG(input != inputs.end(),
                       "every assessed application was loaded from this ledger");
    insert.bind(1, run_id).bind(2, result.application_id).bind(3, result.project_id);
    insert.bind(4, result.uscc).bind(5, region_of.at(result.uscc)).bind(6, result.scheme);
    insert.bind(7, status_name(result.status)).bind(8, result.amount);
    insert.bind(9, result.county_share).bind(10, result.region_share);
    insert.bind(11, result.formula_amount);
    insert.bind(12, input->second.inputs.money(InputColumn::loan_amount));
    insert.bind(13, reasons_json(result)).bind(14, steps_json(result));
    insert.run();
  }
}

// The sum of an enterprise's awards before rule T: what each application claimed when T shared
// them pro rata, else its award.
std::map<std::string, Money> before_retention(const Assessment& assessment) {
  std::map<std::string, Money> sums;
  for (const ApplicationResult& result : assessment.applications) {
    Money before = result.status == Status::awarded ? result.amount : Money();
    if (result.retention_claim) before = *result.retention_claim;
    sums[result.uscc] += before;
  }
  return sums;
}

void record_enterprises(Db& db, int64_t run_id, const Assessment& assessment) {
  const std::map<std::string, Money> before = before_retention(assessment);
  Statement insert = db.prepare(
      "INSERT INTO assessment_enterprises (run_id, uscc, local_retained_tax_fen, total_fen, "
      "before_retention_fen, county_share_fen, region_share_fen) VALUES (?,?,?,?,?,?,?)");
  for (const EnterpriseResult& enterprise : assessment.enterprises) {
    std::optional<Money> before_fen;
    if (auto it = before.find(enterprise.uscc); it != before.end()) before_fen = it->second;
    insert.bind(1, run_id).bind(2, enterprise.uscc).bind(3, enterprise.local_retained_tax);
    insert.bind(4, enterprise.total).bind(5, before_fen).bind(6, enterprise.county_share);
    insert.bind(7, enterprise.region_share);
    insert.run();
  }
}

}  // namespace

AssessPosting post_assessment(Db& db, const Assessment& assessment, const Policy& policy,
                              const std::string& actor, const std::string& result_json,
                              const Clock& clock) {
  Statement next_run = db.prepare("SELECT COALESCE(MAX(run_id), 0) + 1 FROM assessment_runs");
  next_run.step();
  AssessPosting posting;
  posting.run_id = next_run.int64(0);

  const AwardRun run{assessment.year, actor, posting.run_id,
                     "assess --year " + std::to_string(assessment.year) + " (run " +
                         std::to_string(posting.run_id) + ")"};
  const AwardPostingResult booked =
      post_award_differences(db, run, award_targets(assessment, policy), clock);
  posting.posted = booked.posted;
  posting.unchanged = booked.unchanged;
  for (const ApplicationResult& result : assessment.applications) {
    if (result.status == Status::held) ++posting.held;
  }

  Statement insert_run = db.prepare(
      "INSERT INTO assessment_runs (run_id, year, policy_id, actor, run_at, result_sha256, "
      "entries_posted, unchanged) VALUES (?,?,?,?,?,?,?,?)");
  insert_run.bind(1, posting.run_id).bind(2, int64_t{assessment.year}).bind(3, policy.id());
  insert_run.bind(4, actor).bind(5, format_utc(clock())).bind(6, sha256_hex(result_json));
  insert_run.bind(7, posting.posted).bind(8, posting.unchanged);
  insert_run.run();

  std::map<std::string, Application> inputs;
  for (Application& row : load_applications(db, assessment.year)) {
    inputs.emplace(row.application_id, std::move(row));
  }
  std::map<std::string, std::string> region_of;
  for (const EnterpriseResult& enterprise : assessment.enterprises) {
    region_of[enterprise.uscc] = enterprise.region_code;
  }
  record_applications(db, posting.run_id, assessment, inputs, region_of);
  record_enterprises(db, posting.run_id, assessment);
  return posting;
}

}  // namespace subsidy
