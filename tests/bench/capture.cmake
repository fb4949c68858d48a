# Capture benchmark (a program, not a ctest test: it writes 1-10 GB files):
#   bench_capture record|samples|write-mix|open|seek|replay ...
# tests/bench/bench_capture.sh runs every step against the capture goals and prints the table.
find_package(PkgConfig REQUIRED)
pkg_check_modules(BENCH_ZSTD REQUIRED IMPORTED_TARGET libzstd) # zstd alone on the same bytes
add_executable(bench_capture
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture.cpp        # usage, main
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture_util.h     # shared helpers, arguments
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture_util.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture_input.cpp  # generated etcd-like scrapes
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture_write.cpp  # record, samples, write-mix
  ${CMAKE_CURRENT_LIST_DIR}/bench_capture_read.cpp)  # open, seek, replay
target_link_libraries(bench_capture PRIVATE vigil_core PkgConfig::BENCH_ZSTD)
add_dependencies(bench_capture bench_ndjson_gen)
