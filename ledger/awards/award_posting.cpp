// Posting the differences between an assessment and the award entries already in the ledger, one
// entry per changed application (docs/chart-of-accounts.md explains the lines).
#include "ledger/awards/award_posting.h"

#include <set>

#include "ledger/base/error.h"
#include "ledger/books/chart.h"
#include "ledger/books/year_close.h"

namespace subsidy {

namespace {

// A bound on one run: far above the applications a county has in a year, low enough that a
// runaway caller is stopped before it fills the disk.
constexpr size_t kMaxTargets = 10'000'000;

std::string target_problem(const AwardTarget& target, const AwardRun& run) {
  if (target.application_id.empty()) return "application id is empty";
  if (target.fiscal_year != run.fiscal_year) {
    return "award year " + std::to_string(target.fiscal_year) + " is not the run's year " +
           std::to_string(run.fiscal_year);
  }
  for (const std::string& account :
       {chart::award_payable(target.uscc), chart::region_due(target.region_code)}) {
    if (std::string problem = chart::account_problem(account); !problem.empty()) return problem;
  }
  if (target.amount.is_negative() || target.county_share.is_negative() ||
      target.region_share.is_negative()) {
    return "negative amount";
  }
  if (target.status != Status::awarded) return {};
  if (target.county_share + target.region_share != target.amount) {
    return "county share " + format_plain(target.county_share) + " + region share " +
           format_plain(target.region_share) + " is not the amount " + format_plain(target.amount);
  }
  if (target.county_only && !target.region_share.is_zero()) {
    return "a county-only award has a region share";
  }
  return {};
}

void check_targets(const AwardRun& run, const std::vector<AwardTarget>& targets) {
  if (targets.size() > kMaxTargets)
    throw RefusedError("more than 10,000,000 applications in a run");
  std::set<std::string_view> seen;
  for (const AwardTarget& target : targets) {
    std::string problem = target_problem(target, run);
    if (problem.empty() && !seen.insert(target.application_id).second) {
      problem = "listed twice in one run";
    }
    if (!problem.empty()) {
      throw RefusedError("award of application '" + target.application_id +
                         "' refused: " + problem + "; nothing posted");
    }
  }
}

// Appends (account, amount) unless the amount is zero.
void add_line(std::vector<Line>& lines, std::string account, Money amount) {
  if (!amount.is_zero()) lines.push_back({std::move(account), amount});
}

Money max_zero(Money amount) {
  return amount.is_negative() ? Money() : amount;
}

constexpr std::string_view kBookedSelect =
    "SELECT l.account, l.amount_fen, e.entry_id FROM ledger_entries e "
    "JOIN ledger_lines l ON l.entry_id = e.entry_id "
    "WHERE e.application_id = ? AND e.kind IN ('award', 'award_adjustment') "
    "ORDER BY e.entry_id, l.line_no;";

BookedAward read_booked(Statement& rows, const std::string& application_id) {
  ResetOnExit reset(rows);
  rows.bind(1, application_id);
  BookedAward booked;
  int64_t last_entry = 0;
  while (rows.step()) {  // the award entries of one application: a handful
    if (rows.int64(2) != last_entry) ++booked.entries;
    last_entry = rows.int64(2);
    const std::string account = rows.text(0);
    const Money amount = rows.money(1);
    if (account == chart::kCountyExpense) {
      booked.county_share += amount;
      booked.amount += amount;
    } else if (chart::account_base(account) == chart::kRegionDue) {
      booked.region_shares[std::string(chart::account_qualifier(account))] += amount;
      booked.amount += amount;
    }
  }
  std::erase_if(booked.region_shares, [](const auto& share) { return share.second.is_zero(); });
  return booked;
}

// One run's posting, with the statements it repeats per application prepared once.
class AwardPoster {
 public:
  AwardPoster(Db& db, const AwardRun& run, const Clock& clock)
      : db_(db), run_(run), writer_(db, clock), booked_(db.prepare(kBookedSelect)), balances_(db) {}

  // Posts the difference for one target; the entry id, or nullopt when nothing changed.
  std::optional<int64_t> post(const AwardTarget& target) {
    const BookedAward booked = read_booked(booked_, target.application_id);
    std::vector<Line> lines = difference_lines(target, booked);
    if (lines.empty()) return std::nullopt;
    const PostResult result = writer_.post(difference_entry(target, booked, std::move(lines)));
    return result.posted ? std::optional<int64_t>(result.entry.entry_id) : std::nullopt;
  }

 private:
  Db& db_;
  const AwardRun& run_;
  JournalWriter writer_;
  Statement booked_;
  BalanceReader balances_;
  std::map<int64_t, int64_t> open_year_;  // award year -> year its differences are posted in

  std::vector<Line> difference_lines(const AwardTarget& target, const BookedAward& booked);
  EntryDraft difference_entry(const AwardTarget& target, const BookedAward& booked,
                              std::vector<Line> lines);
};

// The lines that move the booked award to the target (empty when nothing changes).
std::vector<Line> AwardPoster::difference_lines(const AwardTarget& target,
                                                const BookedAward& booked) {
  const bool awarded = target.status == Status::awarded;
  const Money county = awarded ? target.county_share : Money();
  const Money region = awarded ? target.region_share : Money();
  std::vector<Line> lines;
  add_line(lines, std::string(chart::kCountyExpense), county - booked.county_share);
  std::map<std::string, Money> region_change = {{target.region_code, region}};
  for (const auto& [code, share] : booked.region_shares) region_change[code] -= share;
  for (const auto& [code, change] : region_change) add_line(lines, chart::region_due(code), change);

  const Money change = (county + region) - booked.amount;
  const std::string payable = chart::award_payable(target.uscc);
  const std::string clawback = chart::clawback_receivable(target.uscc);
  if (change.is_negative()) {
    // Reduced: first out of what is still unpaid (credit balance of award_payable), the rest was
    // paid already and is to be recovered from the enterprise.
    const Money reduce = std::min(-change, max_zero(-balances_.balance_of(payable)));
    add_line(lines, payable, reduce);
    add_line(lines, clawback, -change - reduce);
  } else if (!change.is_zero()) {
    // Increased: first settle what the enterprise owes back, the rest becomes payable.
    const Money settle = std::min(change, max_zero(balances_.balance_of(clawback)));
    add_line(lines, clawback, -settle);
    add_line(lines, payable, -(change - settle));
  }
  return lines;
}

EntryDraft AwardPoster::difference_entry(const AwardTarget& target, const BookedAward& booked,
                                         std::vector<Line> lines) {
  const bool awarded = target.status == Status::awarded;
  const Money new_amount = awarded ? target.amount : Money();
  auto [year, inserted] = open_year_.try_emplace(target.fiscal_year, 0);
  if (inserted) year->second = open_year_for(db_, FiscalYear::known(target.fiscal_year)).value;
  EntryDraft draft;
  draft.fiscal_year = year->second;
  if (draft.fiscal_year != target.fiscal_year) draft.refers_year = target.fiscal_year;
  draft.kind = std::string(booked.entries == 0 ? chart::kAward : chart::kAwardAdjustment);
  draft.actor = run_.actor;
  draft.idempotency_key =
      "award:" + target.application_id + ":v" + std::to_string(booked.entries + 1) + ":" +
      format_plain(new_amount) + "/" + format_plain(awarded ? target.county_share : Money()) + "/" +
      format_plain(awarded ? target.region_share : Money()) + "@" + target.region_code;
  draft.memo = run_.memo + "; " + target.application_id + " " + target.scheme + " " +
               std::string(status_name(target.status)) + " " + format_plain(new_amount) +
               " (booked before " + format_plain(booked.amount) + ")";
  draft.application_id = target.application_id;
  draft.run_id = run_.run_id;
  draft.lines = std::move(lines);
  return draft;
}

}  // namespace

BookedAward booked_award(Db& db, const std::string& application_id) {
  Statement rows = db.prepare(kBookedSelect);
  return read_booked(rows, application_id);
}

AwardPostingResult post_award_differences(Db& db, const AwardRun& run,
                                          const std::vector<AwardTarget>& targets,
                                          const Clock& clock) {
  require_transaction(db);
  check_targets(run, targets);
  AwardPoster poster(db, run, clock);
  AwardPostingResult result;
  for (const AwardTarget& target : targets) {  // bounded by check_targets
    if (std::optional<int64_t> entry_id = poster.post(target)) {
      ++result.posted;
      result.entry_ids.push_back(*entry_id);
    } else {
      ++result.unchanged;
    }
  }
  return result;
}

}  // namespace subsidy
