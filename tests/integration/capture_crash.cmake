# `vigilctl record` killed with SIGKILL at random moments: every acknowledged frame
# survives, torn tails are reported by the reader and `vigilctl capture verify`.
vigil_add_test(tst_capture_crash SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_crash.cpp
  LABELS integration capture TIMEOUT 300)
add_dependencies(tst_capture_crash vigilctl)
