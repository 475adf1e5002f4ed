// The precompiled header of the test programs: the modules' one (precompiled.h) and Catch2's
// single header, which every test file includes and which costs more to parse than most of them.
#pragma once
#pragma GCC system_header

#include <catch2/catch.hpp>

#include "precompiled.h"
