# Ingest benchmark (not a ctest test): bench_ndjson_gen writes an NDJSON event file;
# bench_ingest.sh times `vigilctl ingest FILE` against `jq -c 'select(...)'` with hyperfine.
add_executable(bench_ndjson_gen ${CMAKE_CURRENT_LIST_DIR}/bench_ndjson_gen.cpp)
add_dependencies(bench_ndjson_gen vigilctl)
