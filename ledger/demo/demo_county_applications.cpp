// The projects and applications of the generated county. Each award year gets a plan of application
// groups — every scheme at least once, the enterprises whose roles or events make a limit bite, and
// random filing up to the year's share of the total — shuffled into filing order and written as
// projects.csv and applications.csv. Amounts are drawn in fen from ranges that make the policy's
// caps, conditions and limits occur at realistic rates (docs/demo.md).
#include <algorithm>

#include "ledger/base/check.h"
#include "ledger/demo/demo_county_internal.h"
#include "ledger/policy/input_columns.h"

namespace subsidy::county {

namespace {

enum class GroupKind : uint8_t {
  single,          // one application on a new project
  equipment_pair,  // robot_purchase and smart_equipment_project for one project (rule P)
  loan_pair,       // two loans of one project
  service_pair,    // two service_institution applications in one year (once per enterprise)
};

struct GroupRequest {
  size_t enterprise = 0;
  size_t scheme = 0;  // index into county_scheme_codes()
  GroupKind kind = GroupKind::single;
};

// Application input columns after the first four, in the CSV's order (short names of the
// InputColumn table, input_columns.h); -1 is an empty cell.
enum Column : size_t {
  equipment = static_cast<size_t>(InputColumn::equipment_amount),
  software = static_cast<size_t>(InputColumn::software_amount),
  total = static_cast<size_t>(InputColumn::total_investment),
  rd = static_cast<size_t>(InputColumn::rd_expense),
  info = static_cast<size_t>(InputColumn::info_investment),
  loan = static_cast<size_t>(InputColumn::loan_amount),
  revenue = static_cast<size_t>(InputColumn::service_revenue),
  staff = static_cast<size_t>(InputColumn::staff_count),
  kColumnCount = kInputColumnCount
};
using Inputs = std::array<int64_t, kColumnCount>;

constexpr int64_t kFenPerYuan = 100;

// How often each scheme is applied for, per mille, in county_scheme_codes() order: certificates and
// equipment subsidies are common, national recognitions rare.
constexpr std::array<int64_t, 24> kSchemeWeights = {
    8, 20, 50, 120, 110, 60, 4, 12, 110, 3, 8, 20, 8, 30, 20, 60, 110, 5, 10, 20, 25, 30, 27, 130};

size_t scheme_index(std::string_view code) {
  const auto& codes = county_scheme_codes();
  // The weights are in the built-in policy's scheme order: a policy with other schemes needs
  // new weights (a programmer error, caught by every demo test).
  SUBSIDY_ASSERT(codes.size() == kSchemeWeights.size());
  return static_cast<size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
}

size_t group_size(GroupKind kind) {
  return kind == GroupKind::single ? 1 : 2;
}

int64_t fen_between(SeededRandom& random, int64_t low_yuan, int64_t high_yuan) {
  return random.uniform(low_yuan * kFenPerYuan, high_yuan * kFenPerYuan);
}

// A loan principal: whole ten-thousands of yuan, as banks lend.
int64_t loan_fen(SeededRandom& random, int64_t low_wan, int64_t high_wan) {
  return random.uniform(low_wan, high_wan) * 10'000 * kFenPerYuan;
}

void fill_service_inputs(SeededRandom& random, Inputs& in, int tier) {
  if (tier == 0) {  // 500万元以上, 20 staff and more: 150,000.00
    in[revenue] = fen_between(random, 5'000'000, 12'000'000);
    in[staff] = random.uniform(20, 60);
  } else if (tier == 1) {  // 300-500万元, 10 staff and more: 100,000.00
    in[revenue] = fen_between(random, 3'000'000, 4'999'999);
    in[staff] = random.uniform(10, 19);
  } else {  // too small: not eligible
    in[revenue] = fen_between(random, 1'500'000, 2'999'999);
    in[staff] = random.uniform(4, 25);
  }
}

Inputs make_inputs(SeededRandom& random, std::string_view scheme, Role role) {
  Inputs in;
  in.fill(-1);
  const bool large = role == Role::low_retention || role == Role::big_borrower;
  if (scheme == "robot_purchase") {
    static constexpr std::array<int64_t, 3> kClasses = {600, 330, 70};
    const size_t size_class = large ? 1 : random.weighted(kClasses);
    const std::array<int64_t, 4> bounds = {300'000, 3'000'000, 12'000'000, 30'000'000};
    in[equipment] = fen_between(random, bounds[size_class], bounds[size_class + 1]);
  } else if (scheme == "smart_equipment_project") {
    const bool small = random.chance_per_mille(60);  // under the 100万元 total: rejected
    in[equipment] =
        small ? fen_between(random, 200'000, 600'000) : fen_between(random, 1'000'000, 6'000'000);
    in[software] = small ? fen_between(random, 0, 150'000) : fen_between(random, 0, 1'500'000);
    in[total] = in[equipment] + in[software] +
                (small ? fen_between(random, 0, 100'000) : fen_between(random, 0, 2'000'000));
  } else if (scheme == "core_tech_rd") {
    in[rd] =
        large ? fen_between(random, 1'000'000, 9'000'000) : fen_between(random, 200'000, 9'000'000);
  } else if (scheme == "digital_project") {
    const int64_t draw = random.uniform(0, 999);
    if (draw < 40) {
      in[info] = 500'000 * kFenPerYuan;  // exactly 50万元: not 超过, rejected
    } else if (draw < 80) {
      in[info] = fen_between(random, 300'000, 499'999);
    } else {
      in[info] = random.uniform(500'000 * kFenPerYuan + 1, 6'000'000 * kFenPerYuan);
    }
  } else if (scheme == "loan_interest") {
    in[loan] = loan_fen(random, 100, 3'000);  // 100万 to 3000万元
  } else if (scheme == "service_institution") {
    static constexpr std::array<int64_t, 3> kTiers = {450, 400, 150};
    fill_service_inputs(random, in, static_cast<int>(random.weighted(kTiers)));
  }
  return in;
}

// Fixed-amount awards a higher level of government may already have paid for the same project.
bool may_have_superior_award(std::string_view scheme) {
  return scheme == "smart_factory_provincial" || scheme == "smart_workshop_provincial" ||
         scheme == "first_set_national" || scheme == "first_set_provincial" ||
         scheme == "platform_cross_industry" || scheme == "platform_industry" ||
         scheme == "benchmark_factory_provincial";
}

std::string project_name(SeededRandom& random, std::string_view scheme) {
  std::string name;
  for (char c : project_name_pattern(scheme)) name += c;
  const auto replace = [&](std::string_view mark, const std::vector<std::string_view>& words) {
    const size_t at = name.find(mark);
    if (at != std::string::npos) name.replace(at, mark.size(), words[random.index(words.size())]);
  };
  replace("{W}", workshop_words());
  replace("{T}", technology_words());
  return name;
}

class ApplicationWriter {
 public:
  ApplicationWriter(SeededRandom& random, Roster& roster, CsvFileWriter& projects,
                    CsvFileWriter& applications, CountySummary& summary)
      : random_(random),
        roster_(roster),
        projects_(projects),
        applications_(applications),
        summary_(summary) {}

  void write_group(const GroupRequest& request, int year);

 private:
  std::string new_project(size_t enterprise, std::string_view scheme);
  void write_application(const std::string& project_id, int year, std::string_view scheme,
                         const Inputs& in);

  SeededRandom& random_;
  Roster& roster_;
  CsvFileWriter& projects_;
  CsvFileWriter& applications_;
  CountySummary& summary_;
  std::array<int64_t, kYearCount> sequence_{};
};

std::string ApplicationWriter::new_project(size_t enterprise, std::string_view scheme) {
  Enterprise& owner = roster_.enterprises[enterprise];
  std::string id = std::to_string(enterprise + 1);
  id.insert(0, id.size() < 6 ? 6 - id.size() : 0, '0');
  std::string number = std::to_string(owner.next_project++);
  number.insert(0, number.size() < 3 ? 3 - number.size() : 0, '0');
  id = "P" + id + "-" + number;
  projects_.field(id).field(owner.uscc).field(project_name(random_, scheme));
  if (may_have_superior_award(scheme) && random_.chance_per_mille(150)) {
    static constexpr std::array<int64_t, 5> kSuperiorYuan = {200'000, 300'000, 500'000, 1'000'000,
                                                             2'000'000};
    projects_.amount(kSuperiorYuan[random_.index(kSuperiorYuan.size())] * kFenPerYuan);
  } else {
    projects_.empty();
  }
  projects_.end_row();
  ++summary_.projects;
  return id;
}

void ApplicationWriter::write_application(const std::string& project_id, int year,
                                          std::string_view scheme, const Inputs& in) {
  const size_t year_index = static_cast<size_t>(year - kFirstCountyYear);
  std::string id = std::to_string(++sequence_[year_index]);
  id.insert(0, id.size() < 7 ? 7 - id.size() : 0, '0');
  applications_.field("SY" + std::to_string(year) + "-" + id).field(project_id).integer(year);
  applications_.field(scheme);
  for (size_t column = 0; column < kColumnCount; ++column) {
    if (in[column] < 0) {
      applications_.empty();
    } else if (kInputColumns[column].kind == InputKind::count) {
      applications_.integer(in[column]);
    } else {
      applications_.amount(in[column]);
    }
  }
  applications_.end_row();
  ++summary_.applications;
  ++summary_.applications_per_scheme[std::string(scheme)];
  ++summary_.applications_per_year[year];
}

void ApplicationWriter::write_group(const GroupRequest& request, int year) {
  const std::string_view scheme = county_scheme_codes()[request.scheme];
  const Role role = roster_.enterprises[request.enterprise].role;
  const std::string project = new_project(request.enterprise, scheme);
  switch (request.kind) {
    case GroupKind::single:
      write_application(project, year, scheme, make_inputs(random_, scheme, role));
      return;
    case GroupKind::equipment_pair: {
      Inputs robots = make_inputs(random_, "robot_purchase", role);
      Inputs equipment_project = make_inputs(random_, "smart_equipment_project", role);
      robots[equipment] = equipment_project[equipment];  // the same machines, two schemes
      write_application(project, year, "robot_purchase", robots);
      write_application(project, year, "smart_equipment_project", equipment_project);
      return;
    }
    case GroupKind::loan_pair:
      for (int k = 0; k < 2; ++k) {
        Inputs in = make_inputs(random_, scheme, role);
        // A big borrower's two loans give more than the 400万元 interest limit together.
        if (role == Role::big_borrower) in[loan] = loan_fen(random_, 21'000, 30'000);
        write_application(project, year, scheme, in);
      }
      return;
    case GroupKind::service_pair:
      for (int tier = 0; tier < 2; ++tier) {
        Inputs in;
        in.fill(-1);
        fill_service_inputs(random_, in, tier);
        write_application(project, year, scheme, in);
      }
      return;
  }
}

// A random group filed by anyone: the scheme by kSchemeWeights, some of them in pairs.
GroupRequest random_group(SeededRandom& random, const Roster& roster) {
  GroupRequest request{random.index(roster.enterprises.size()), random.weighted(kSchemeWeights),
                       GroupKind::single};
  const std::string_view scheme = county_scheme_codes()[request.scheme];
  if (scheme == "service_institution") {
    const auto& firms = roster.service_institutions;
    request.enterprise = firms[random.index(firms.size())];
    if (random.chance_per_mille(150)) request.kind = GroupKind::service_pair;
  } else if (scheme == "robot_purchase" || scheme == "smart_equipment_project") {
    if (random.chance_per_mille(150)) request.kind = GroupKind::equipment_pair;
  } else if (scheme == "loan_interest" && random.chance_per_mille(50)) {
    request.kind = GroupKind::loan_pair;
  }
  return request;
}

// A scheme for a given enterprise: by kSchemeWeights, but only a service firm applies as one.
size_t scheme_for(SeededRandom& random, const Roster& roster, size_t enterprise) {
  const size_t scheme = random.weighted(kSchemeWeights);
  const bool service_firm = roster.enterprises[enterprise].role == Role::service_institution;
  if (county_scheme_codes()[scheme] == "service_institution" && !service_firm) {
    return scheme_index("cloud_3star");
  }
  return scheme;
}

// The groups of one award year, in filing order, holding exactly `target` applications: first the
// ones that make every scheme and every limit occur, then random filings, then shuffled.
std::vector<GroupRequest> plan_year(SeededRandom& random, const Roster& roster, size_t year_index,
                                    int64_t target) {
  std::vector<GroupRequest> plan;
  int64_t planned = 0;
  const auto add = [&](GroupRequest request) {
    if (planned >= target) return;
    if (planned + static_cast<int64_t>(group_size(request.kind)) > target) {
      request.kind = GroupKind::single;
    }
    planned += static_cast<int64_t>(group_size(request.kind));
    plan.push_back(request);
  };
  const auto& firms = roster.service_institutions;
  for (size_t scheme = 0; scheme < county_scheme_codes().size(); ++scheme) {
    const bool service = county_scheme_codes()[scheme] == "service_institution";
    add({service ? firms[random.index(firms.size())] : random.index(roster.enterprises.size()),
         scheme, GroupKind::single});
  }
  const size_t loans = scheme_index("loan_interest");
  for (size_t e : roster.big_borrowers) add({e, loans, GroupKind::loan_pair});
  for (size_t e : roster.low_retention) add({e, scheme_index("core_tech_rd"), GroupKind::single});
  for (const ComplianceEvent& event : roster.events[year_index]) {
    add({event.enterprise, scheme_for(random, roster, event.enterprise), GroupKind::single});
  }
  for (size_t e : roster.missing_tax[year_index]) {
    add({e, scheme_for(random, roster, e), GroupKind::single});
  }
  while (planned < target) add(random_group(random, roster));  // ends: each add plans >= 1
  for (size_t i = plan.size(); i > 1; --i) std::swap(plan[i - 1], plan[random.index(i)]);
  return plan;
}

}  // namespace

void write_applications(SeededRandom& random, Roster& roster, int64_t application_count,
                        CsvFileWriter& projects, CsvFileWriter& applications,
                        CountySummary& summary) {
  projects.field("project_id").field("uscc").field("name").field("superior_award").end_row();
  applications.field("application_id").field("project_id").field("year").field("scheme");
  for (const InputColumnInfo& input : kInputColumns) applications.field(input.name);
  applications.end_row();
  // Filings grow over the policy's three years: 30%, 33% and the rest.
  constexpr std::array<int64_t, kYearCount> kYearPerMille = {300, 330, 370};
  ApplicationWriter writer(random, roster, projects, applications, summary);
  int64_t assigned = 0;
  for (size_t year_index = 0; year_index < kYearCount; ++year_index) {
    const int64_t target = year_index + 1 == kYearCount
                               ? application_count - assigned
                               : application_count * kYearPerMille[year_index] / 1000;
    assigned += target;
    const int year = kFirstCountyYear + static_cast<int>(year_index);
    for (const GroupRequest& request : plan_year(random, roster, year_index, target)) {
      writer.write_group(request, year);
    }
  }
}

}  // namespace subsidy::county
