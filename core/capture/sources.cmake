# Files of core/capture: the .vcap format (docs/capture-format.md), writer and reader.
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/crc32c.h
  ${CMAKE_CURRENT_LIST_DIR}/crc32c.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_bytes.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_records.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_records.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_format.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_frames.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_frames.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_file.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_writer.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_source.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_reader.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_reader_impl.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_walk.cpp
  ${CMAKE_CURRENT_LIST_DIR}/capture_replay.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_replay.cpp)

# zstd (libzstd-dev) through pkg-config; the capture code is its only user in core.
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
target_link_libraries(vigil_core PRIVATE PkgConfig::ZSTD)
# The offline timeline's overview scan (its own reader and thread).
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/capture_overview.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_overview.cpp)
# The capture writer's file thread: writes and fdatasyncs the frames it is handed.
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/capture_sync.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_sync.cpp)
# The capture replay's data side (reading, time merge, regrouping, batching).
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/capture_replay_feed.h
  ${CMAKE_CURRENT_LIST_DIR}/capture_replay_feed.cpp)
# The Cluster view's state into a capture when it changed (GUI recorder, vigilctl record).
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cluster_state_tap.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_state_tap.cpp)
