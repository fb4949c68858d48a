# Capture recording and CLI: the hub and event taps (tst_capture_taps) and
# `vigilctl record` / `vigilctl capture info|verify|export` end to end (tst_capture_cli).
vigil_add_test(tst_capture_taps SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_taps.cpp LABELS capture)
vigil_add_test(tst_capture_cli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_capture_cli.cpp LABELS capture TIMEOUT 180)
add_dependencies(tst_capture_cli vigilctl)
