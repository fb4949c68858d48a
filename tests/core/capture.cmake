# Tests of core/capture
vigil_add_test(tst_capture_records SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_records.cpp LABELS capture)
vigil_add_test(tst_capture_roundtrip SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_roundtrip.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_capture_util.h LABELS capture)
vigil_add_test(tst_capture_damage SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_damage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_capture_util.h LABELS capture TIMEOUT 300)
# zstd for hand-made hostile frames
find_package(PkgConfig REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
target_link_libraries(tst_capture_damage PRIVATE PkgConfig::ZSTD)
# Mounts a 1 MiB tmpfs when run as root (else that case skips loudly) and lowers
# RLIMIT_FSIZE for itself.
vigil_add_test(tst_capture_diskfull SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_diskfull.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_capture_util.h LABELS capture)
# CaptureReplay: a capture replayed into a hub, an event sink and callbacks
vigil_add_test(tst_capture_replay SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_replay.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_capture_util.h LABELS capture TIMEOUT 300)
# CaptureOverviewScan: buckets and marks of a whole capture, progress, cancel, damage
vigil_add_test(tst_capture_overview SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_overview.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_capture_util.h LABELS capture TIMEOUT 300)
