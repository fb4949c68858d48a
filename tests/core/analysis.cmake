# Tests of core/analysis
vigil_add_test(tst_analysis_quantile SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_analysis_quantile.cpp LABELS analysis)
vigil_add_test(tst_analysis_counters SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_analysis_counters.cpp LABELS analysis)
vigil_add_test(tst_analysis_queries SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_analysis_queries.cpp LABELS analysis)
# Oracle: our histogram_quantile/increase against Prometheus' own (promtool test rules).
vigil_add_test(tst_analysis_promtool SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_analysis_promtool.cpp
               LABELS analysis oracle TIMEOUT 300)
