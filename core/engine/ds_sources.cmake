# Data structures of the event engine: latency histograms and the dedup window.
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/latency_histogram.h
  ${CMAKE_CURRENT_LIST_DIR}/latency_histogram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dedup_window.h
  ${CMAKE_CURRENT_LIST_DIR}/dedup_window.cpp)
