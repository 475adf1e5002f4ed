// Text files compiled into the program: the SQL migrations of schema/migrations and the shipped
// policies of schema/policies. The bytes are exactly those of the files in the source tree.
#pragma once

#include <string_view>
#include <vector>

namespace subsidy {

struct EmbeddedFile {
  std::string_view name;     // file name without directory, e.g. "001_master_data.sql"
  std::string_view content;  // the file's bytes
};

namespace embedded_migrations {
// The migrations, sorted by file name (their numeric prefix is the schema version they create).
const std::vector<EmbeddedFile>& files();
}  // namespace embedded_migrations

namespace embedded_policies {
// The shipped policy files, sorted by file name.
const std::vector<EmbeddedFile>& files();
}  // namespace embedded_policies

}  // namespace subsidy
