# Tests of core/stream (framing and URL parsing; sockets and files are in
# tests/integration/stream.cmake).
vigil_add_test(tst_line_framer SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_line_framer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tst_stream_sink.h TIMEOUT 60)
vigil_add_test(tst_stream_url SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_stream_url.cpp TIMEOUT 30)
