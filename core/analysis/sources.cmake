# Files of core/analysis
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/histogram_quantile.h
  ${CMAKE_CURRENT_LIST_DIR}/histogram_quantile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/counter_math.h
  ${CMAKE_CURRENT_LIST_DIR}/counter_math.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue_analysis.h
  ${CMAKE_CURRENT_LIST_DIR}/queue_analysis.cpp
  ${CMAKE_CURRENT_LIST_DIR}/histogram_query.h
  ${CMAKE_CURRENT_LIST_DIR}/histogram_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/queue_query.h
  ${CMAKE_CURRENT_LIST_DIR}/queue_query.cpp
  ${CMAKE_CURRENT_LIST_DIR}/overview_query.h
  ${CMAKE_CURRENT_LIST_DIR}/overview_query.cpp)
