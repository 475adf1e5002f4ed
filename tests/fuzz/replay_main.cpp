// The main() of a fuzz target outside the fuzz build: feeds every file of the directories (or
// files) named on the command line to LLVMFuzzerTestOneInput once, in name order. A crash,
// sanitizer report or abort fails the ctest entry; an empty or missing corpus fails it too, so a
// replay cannot silently test nothing.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

constexpr size_t kMaxInputs = 100000;               // far above any committed corpus
constexpr std::uintmax_t kMaxInputBytes = 1 << 20;  // libFuzzer's own default -max_len is 4 KiB

std::vector<std::filesystem::path> inputs_of(const std::filesystem::path& path) {
  std::vector<std::filesystem::path> inputs;
  if (std::filesystem::is_directory(path)) {
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      if (entry.is_regular_file() && inputs.size() < kMaxInputs) inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());
  } else if (std::filesystem::is_regular_file(path)) {
    inputs.push_back(path);
  }
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& input : inputs_of(argv[i])) {
      if (std::filesystem::file_size(input) > kMaxInputBytes) {
        std::fprintf(stderr, "%s: larger than %ju bytes\n", input.c_str(), kMaxInputBytes);
        return 1;
      }
      std::ifstream in(input, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++replayed;
    }
  }
  std::printf("replayed %zu inputs\n", replayed);
  if (replayed == 0) {
    std::fprintf(stderr, "no inputs found: give a non-empty corpus directory\n");
    return 1;
  }
  return 0;
}
