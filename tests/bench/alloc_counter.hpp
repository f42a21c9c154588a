// Heap allocation counting for the benchmark programs: alloc_counter.cpp replaces the global
// operator new/delete of the program it is linked into; g_allocs counts every allocation.
#pragma once
#include <atomic>
#include <cstdint>

extern std::atomic<std::uint64_t> g_allocs;
