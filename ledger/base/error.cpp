// Formatting of input problems, shared by every importer and file reader.
#include "ledger/base/error.h"
#include "ledger/base/check.h"

namespace subsidy {

std::string InputProblem::to_string() const {
  return file + ":" + std::to_string(line) + ":" + column + ": " + reason;
}

static std::string first_line(const std::vector<InputProblem>& problems) {
  SUBSIDY_ASSERT_MSG(!problems.empty(), "an InputError carries at least one problem");
  return problems.front().to_string();
}

InputError::InputError(std::vector<InputProblem> problems)
    : RefusedError(first_line(problems)), problems_(std::move(problems)) {
  if (problems_.size() > kMaxProblems) problems_.resize(kMaxProblems);
}

}  // namespace subsidy
