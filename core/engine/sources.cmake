# Files of core/engine
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/event_sink.h
  ${CMAKE_CURRENT_LIST_DIR}/event_types.h
  ${CMAKE_CURRENT_LIST_DIR}/event_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/event_parser.h
  ${CMAKE_CURRENT_LIST_DIR}/event_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/event_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/priority_lanes.h
  ${CMAKE_CURRENT_LIST_DIR}/engine_stats.h
  ${CMAKE_CURRENT_LIST_DIR}/engine_stats.cpp
  ${CMAKE_CURRENT_LIST_DIR}/event_engine.h
  ${CMAKE_CURRENT_LIST_DIR}/event_engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/engine_impl.h
  ${CMAKE_CURRENT_LIST_DIR}/engine_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/engine_snapshot.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/ds_sources.cmake)
# The event capture tap (an EventSink decorator feeding a CaptureWriter).
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/capture_tap_sink.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_tap_sink.cpp)
