// The precompiled header of every module and test target (CMakeLists.txt, subsidy_precompile):
// the heavy third-party headers most translation units parse. Marked a system header so that
// third-party code keeps the warning treatment it has when included normally.
#pragma once
#pragma GCC system_header

#include <boost/multiprecision/cpp_int.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>
