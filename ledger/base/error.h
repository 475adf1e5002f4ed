// The typed errors of subsidy-ledger. Expected failures (a bad file, a refused rule, a wrong key) are
// thrown as one of these and turned into one clear line by the CLI; asserts are kept for programmer
// errors only.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace subsidy {

// A refused input or rule. The CLI prints what() as one line on stderr and exits 1.
class RefusedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Misuse of the command line (unknown option, missing argument). The CLI exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Arithmetic whose exact result does not fit the type. Never wraps; always a refusal.
class OverflowError : public RefusedError {
 public:
  using RefusedError::RefusedError;
};

// One problem in an input file, located for the person who has to fix it.
struct InputProblem {
  std::string file;    // base name of the file as given on the command line
  int64_t line = 0;    // 1-based physical line of the record (the header is line 1)
  std::string column;  // column name, or a 1-based column number as text when there is no name
  std::string reason;  // what is wrong, in words a clerk understands

  // "FILE:LINE:COLUMN: reason", the form every refusal of an input file takes.
  std::string to_string() const;
};

// A refused input file with every problem found in it (at most kMaxProblems are kept). Nothing of
// that file has been stored when this is thrown. what() is the first problem's line.
class InputError : public RefusedError {
 public:
  static constexpr size_t kMaxProblems = 50;
  explicit InputError(std::vector<InputProblem> problems);
  const std::vector<InputProblem>& problems() const { return problems_; }

 private:
  std::vector<InputProblem> problems_;
};

}  // namespace subsidy
