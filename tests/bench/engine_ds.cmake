# Micro-benchmarks of the event engine's data structures (a program, not a ctest test):
#   bench_engine_ds [--runs N]
add_executable(bench_engine_ds ${CMAKE_CURRENT_LIST_DIR}/bench_engine_ds.cpp)
target_link_libraries(bench_engine_ds PRIVATE vigil_core)
