# Memory/throughput benchmark of the series store (a program, not a ctest test):
#   bench_store_memory [--series N] [--samples M] [--chunk K]
add_executable(bench_store_memory ${CMAKE_CURRENT_LIST_DIR}/bench_store_memory.cpp)
target_link_libraries(bench_store_memory PRIVATE vigil_core)
