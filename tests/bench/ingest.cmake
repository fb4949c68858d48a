# Ingest benchmark (not a ctest test): bench_ndjson_gen writes an NDJSON event file;
# bench_ingest.sh times `vigilctl ingest FILE` against `jq -c 'select(...)'` with hyperfine.
add_executable(bench_ndjson_gen ${CMAKE_CURRENT_LIST_DIR}/bench_ndjson_gen.cpp)
add_dependencies(bench_ndjson_gen vigilctl)
# Parse-only micro-benchmark of EventParser (thread CPU time per event):
#   bench_event_parse FILE [--runs N] [--batch BYTES]
add_executable(bench_event_parse ${CMAKE_CURRENT_LIST_DIR}/bench_event_parse.cpp)
target_link_libraries(bench_event_parse PRIVATE vigil_core)
