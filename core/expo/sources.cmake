# Files of core/expo: the Prometheus text 0.0.4 / OpenMetrics 1.0 parser.
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/expo_types.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_parser.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_parser_impl.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_labels.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_meta.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_scan.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_scan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_json.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expo_writer.h
  ${CMAKE_CURRENT_LIST_DIR}/expo_writer.cpp)
