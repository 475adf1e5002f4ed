// The explanation of one application (`subsidy explain`): its identity and the policy's words, then
// every step of its trace with operands, exact value, rounding and result, the pro-rata arithmetic
// in fen with numerator, denominator and remainder, the cost split, and the outcome. Chinese by
// default, English on request; the numbers are the same in both.
#include <algorithm>
#include <map>

#include "ledger/base/error.h"
#include "ledger/engine/assess_output.h"
#include "ledger/engine/number_text.h"

namespace subsidy {

namespace {

struct Words {
  const char* zh;
  const char* en;
};

const char* pick(const Words& words, Language language) {
  return language == Language::zh ? words.zh : words.en;
}

Words step_label(StepKind kind) {
  switch (kind) {
    case StepKind::period:
      return {"政策有效期", "policy period"};
    case StepKind::eligibility:
      return {"享受资格", "eligibility"};
    case StepKind::condition:
      return {"申报条件", "condition"};
    case StepKind::formula:
      return {"计算公式", "formula"};
    case StepKind::tier:
      return {"奖励档次", "tier"};
    case StepKind::scheme_cap:
      return {"单项上限", "scheme cap"};
    case StepKind::once_per_enterprise:
      return {"一次性奖励", "once per enterprise"};
    case StepKind::project_highest:
      return {"同一项目就高", "highest award of the project"};
    case StepKind::project_top_up:
      return {"上级奖励补差", "top-up over the superior award"};
    case StepKind::scheme_limit:
      return {"企业年度限额", "enterprise-year limit"};
    case StepKind::safety_factor:
      return {"一般生产安全事故系数", "safety factor"};
    case StepKind::tax_retention:
      return {"地方留成上限", "local tax retention limit"};
    case StepKind::cost_split:
      return {"成本分担", "cost split"};
    case StepKind::band:
      return {"适用费率档", "rate band"};
    case StepKind::once_per_project:
      return {"同一项目限奖一次", "once per project"};
    case StepKind::fund_limit:
      return {"年度专项资金总额", "the year's fund"};
  }
  return {"?", "?"};
}

Words reason_label(ReasonCode code) {
  switch (code) {
    case ReasonCode::condition_failed:
      return {"不符合申报条件", "a condition failed"};
    case ReasonCode::ineligible:
      return {"当年不得享受政策", "not eligible this year"};
    case ReasonCode::outside_policy_period:
      return {"不在政策有效期内", "outside the policy period"};
    case ReasonCode::already_awarded:
      return {"一次性奖励已享受", "already awarded once"};
    case ReasonCode::capped_by_scheme:
      return {"按单项上限封顶", "capped by the scheme"};
    case ReasonCode::not_highest_for_project:
      return {"同一项目就高，本项非最高", "not the highest of the project"};
    case ReasonCode::superior_award_higher:
      return {"上级奖励不低于本项", "the superior award is as high"};
    case ReasonCode::topped_up_over_superior:
      return {"扣除上级奖励后补差", "topped up over the superior award"};
    case ReasonCode::capped_by_loan_limit:
      return {"贴息年度上限按比例分摊", "shared out under the loan limit"};
    case ReasonCode::safety_factor:
      return {"按系数兑现", "multiplied by the safety factor"};
    case ReasonCode::capped_by_tax_retention:
      return {"地方留成上限按比例分摊", "shared out under the tax retention"};
    case ReasonCode::no_tax_retention:
      return {"无当年地方留成数据，暂缓", "no tax retention figure: held"};
    case ReasonCode::below_lowest_band:
      return {"未达到最低档", "below the lowest band"};
    case ReasonCode::base_multiplied:
      return {"计算基数按系数计", "the base counted at its factor"};
    case ReasonCode::capped_by_limit:
      return {"企业年度限额按比例分摊", "shared out under an enterprise-year limit"};
    case ReasonCode::capped_by_fund:
      return {"年度资金不足，按比例分摊", "the year's fund shared out pro rata"};
  }
  return {"?", "?"};
}

Words rounding_label(Rounding mode) {
  switch (mode) {
    case Rounding::half_up:
      return {"四舍五入到分", "rounded half up to the fen"};
    case Rounding::half_even:
      return {"银行家舍入到分", "rounded half even to the fen"};
    case Rounding::half_down:
      return {"五舍六入到分", "rounded half down to the fen"};
    case Rounding::up:
      return {"进位到分", "rounded up to the fen"};
    case Rounding::down:
      return {"舍去分以下", "cut to the fen"};
    case Rounding::ceiling:
      return {"向上取整到分", "rounded to the fen, up"};
    case Rounding::floor:
      return {"向下取整到分", "rounded down to the fen"};
  }
  return {"?", "?"};
}

Words status_label(Status status) {
  switch (status) {
    case Status::awarded:
      return {"予以奖励", "awarded"};
    case Status::rejected:
      return {"不予奖励", "rejected"};
    case Status::held:
      return {"暂缓（不入账、不拨付）", "held (not posted, not paid)"};
  }
  return {"?", "?"};
}

const char* open(Language language) {
  return language == Language::zh ? "（" : " (";
}
const char* close(Language language) {
  return language == Language::zh ? "）" : ")";
}

std::string fen(const Int128& value) {
  return grouped_decimal(Decimal(value, 0));
}

// The largest-remainder arithmetic of a pro-rata step, in fen.
void write_pro_rata(const ProRataShare& share, Money result, Language language, std::ostream& out) {
  const bool zh = language == Language::zh;
  out << "      " << (zh ? "以分计：" : "in fen: ")
      << format_grouped(Money::from_fen(share.claim_fen)) << " × " << fen(share.limit_fen) << " / "
      << grouped_decimal(Decimal(share.total_fen, -2)) << " = " << fen(share.floor_fen)
      << (zh ? " 分，余数 " : " fen, remainder ") << fen(share.remainder) << " / "
      << fen(share.total_fen) << "\n";
  out << "      " << (zh ? "各项取整后剩余 " : "after the floors ") << share.left_over_fen
      << (zh ? " 分，按余数从大到小每项 1 分（余数相同时申请编号小者优先）：本项"
             : " fen are left; they go one each to the largest remainders (ties: the smaller "
               "application_id): this one ")
      << (share.extra_fen ? (zh ? "得 1 分" : "gets 1 fen") : (zh ? "未得" : "gets none")) << " → "
      << format_grouped(result) << "\n";
}

void write_cost_split(const TraceStep& step, const ApplicationResult& app, Language language,
                      std::ostream& out) {
  const bool zh = language == Language::zh;
  if (step.detail == "county_only") {
    out << (zh ? "由县财政全额承担 " : "borne by the county alone: ") << format_grouped(app.amount);
    return;
  }
  const bool region_rounded = step.detail == "region";
  const Money rounded = region_rounded ? app.region_share : app.county_share;
  const Money rest = region_rounded ? app.county_share : app.region_share;
  const char* rounded_side =
      region_rounded ? (zh ? "税收归属地" : "region") : (zh ? "县财政" : "county");
  const char* rest_side =
      region_rounded ? (zh ? "县财政" : "county") : (zh ? "税收归属地" : "region");
  out << rounded_side << (zh ? "承担 " : " share ") << step.formula << " = " << step.exact << " → "
      << format_grouped(rounded) << open(language) << pick(rounding_label(Rounding::down), language)
      << (zh ? "，零头归" : "; the odd fen goes to the ") << rest_side << close(language)
      << (zh ? "；" : "; ") << rest_side << (zh ? "承担 " : " share ") << format_grouped(app.amount)
      << " − " << format_grouped(rounded) << " = " << format_grouped(rest);
}

// The words for a step's detail where it is not a plain code: which tier, who was kept.
std::string detail_text(const TraceStep& step, Language language) {
  const bool zh = language == Language::zh;
  if (step.kind == StepKind::tier) return zh ? "第 " + step.detail + " 档" : "tier " + step.detail;
  if (step.kind == StepKind::band) {
    if (step.detail.empty()) return "";
    return zh ? "适用第 " + step.detail + " 档" : "band " + step.detail;
  }
  if (step.detail == "progressive")
    return zh ? "超额累进，各档分段计算" : "progressive, band by band";

  const bool kept = step.detail == "✓";
  const bool once =
      step.kind == StepKind::once_per_enterprise || step.kind == StepKind::once_per_project;
  if (once && !kept) {
    if (step.detail.rfind("< ", 0) == 0)
      return zh ? "以前年度已获得" : "awarded in an earlier year";
    return zh ? "本年度保留最高的 " + step.detail
              : "this year the highest, " + step.detail + ", is kept";
  }
  if (step.kind == StepKind::project_highest && !kept) {
    return zh ? "最高为 " + step.detail : "the highest is " + step.detail;
  }
  return step.detail;
}

// formula = exact → result (rounding), with the detail before (when it states the comparison
// that leads to the formula, or there is no formula) or after it.
void write_operation(const TraceStep& step, Language language, std::ostream& out) {
  const std::string detail = detail_text(step, language);
  const bool detail_first = step.pro_rata.has_value() || step.formula.empty();
  if (detail_first && !detail.empty()) out << detail << (step.formula.empty() ? "" : "; ");
  out << step.formula;
  if (!step.exact.empty()) out << " = " << step.exact;
  const bool shows_result = step.kind != StepKind::condition &&
                            step.kind != StepKind::eligibility && step.kind != StepKind::period &&
                            step.kind != StepKind::band;
  if (shows_result) {
    out << " → " << format_grouped(step.result);
    if (step.rounding) {
      out << open(language) << pick(rounding_label(*step.rounding), language) << close(language);
    }
  }
  if (!detail_first && !detail.empty()) out << "  " << detail;
}

void write_step(size_t number, const TraceStep& step, const ApplicationResult& app,
                Language language, std::ostream& out) {
  out << "  " << number << ". [" << step.rule << "] " << pick(step_label(step.kind), language)
      << (language == Language::zh ? "：" : ": ");
  const bool zh = language == Language::zh;
  if (step.kind == StepKind::cost_split) {
    write_cost_split(step, app, language, out);
  } else if (step.detail == "base_multiplied") {
    out << (zh ? "基数按 100% 计为 " : "with every base at 100% it would be ") << step.formula
        << (zh ? "，按系数计为 " : "; counted at its factor it is ") << format_grouped(step.result);
  } else {
    write_operation(step, language, out);
  }
  if (step.reason) {
    out << (zh ? "  原因：" : "  reason: ") << reason_code_name(*step.reason) << open(language)
        << pick(reason_label(*step.reason), language) << close(language);
  }
  out << "\n";
  if (step.pro_rata) write_pro_rata(*step.pro_rata, step.result, language, out);
}

}  // namespace

void write_explanation(const Assessment& assessment, const Policy& policy,
                       std::string_view application_id, Language language, std::ostream& out) {
  // Applications are sorted by application_id (assess.h): a binary search, because posting writes
  // the explanation of every application of a run and a linear one made that quadratic.
  const auto at = std::lower_bound(
      assessment.applications.begin(), assessment.applications.end(), application_id,
      [](const ApplicationResult& app, std::string_view id) { return app.application_id < id; });
  const ApplicationResult* found =
      at != assessment.applications.end() && at->application_id == application_id ? &*at : nullptr;
  if (found == nullptr) {
    throw RefusedError("application " + std::string(application_id) + " is not among the " +
                       std::to_string(assessment.year) + " applications");
  }
  if (found->trace.empty()) {
    throw RefusedError("application " + std::string(application_id) +
                       " was assessed without a trace");
  }
  const ApplicationResult& app = *found;
  const bool zh = language == Language::zh;
  out << (zh ? "测算说明：申请 " : "Explanation of application ") << app.application_id
      << open(language) << assessment.year << (zh ? " 年度" : "") << close(language) << "\n";
  out << (zh ? "政策：" : "Policy: ") << policy.id() << " " << policy.document_number() << " "
      << policy.title();
  if (policy.declares_version()) {
    out << (zh ? "（第 " : " (version ") << policy.version() << (zh ? " 版" : "")
        << close(language);
  }
  out << "\n";
  out << (zh ? "项目 " : "Project ") << app.project_id << (zh ? "；企业 " : "; enterprise ")
      << app.uscc << (zh ? "；奖励类别 " : "; scheme ") << app.scheme;
  if (policy.has_scheme(app.scheme)) {
    const Scheme& scheme = policy.scheme(app.scheme);
    out << " " << scheme.name << open(language) << scheme.clause << close(language) << "\n";
    out << (zh ? "政策原文：" : "Policy text: ") << scheme.seed << "\n";
  } else {
    out << "\n";
  }
  out << (zh ? "步骤：\n" : "Steps:\n");
  for (size_t i = 0; i < app.trace.size(); ++i) write_step(i + 1, app.trace[i], app, language, out);
  out << (zh ? "结果：" : "Result: ") << pick(status_label(app.status), language) << " "
      << format_grouped(app.amount) << (zh ? " 元；县财政承担 " : " yuan; county share ")
      << format_grouped(app.county_share) << (zh ? " 元，税收归属地承担 " : ", region share ")
      << format_grouped(app.region_share) << (zh ? " 元\n" : "\n");
  out << (zh ? "原因：" : "Reasons: ");
  if (app.reasons.empty()) out << "—";
  for (size_t i = 0; i < app.reasons.size(); ++i) {
    out << (i == 0 ? "" : (zh ? "；" : "; ")) << app.reasons[i].to_string() << open(language)
        << pick(reason_label(app.reasons[i].code), language) << close(language);
  }
  out << "\n";
}

}  // namespace subsidy
