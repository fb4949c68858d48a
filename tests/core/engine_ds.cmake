# Tests of the event engine's data structures (latency histograms, dedup window).
vigil_add_test(tst_latency_histogram SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_latency_histogram.cpp LABELS engine)
vigil_add_test(tst_dedup_window SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dedup_window.cpp LABELS engine)
