# Stream sources against real sockets on 127.0.0.1 and real files (label integration).
vigil_add_test(tst_stream_sources_net
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_stream_sources_net.cpp ${PROJECT_SOURCE_DIR}/tests/core/tst_stream_sink.h
  LABELS integration TIMEOUT 120)
vigil_add_test(tst_stream_sources_file
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_stream_sources_file.cpp ${PROJECT_SOURCE_DIR}/tests/core/tst_stream_sink.h
  LABELS integration TIMEOUT 120)
# Reads stdin through createStreamSource("-"), prints counts (driven by tst_stream_sources_file).
add_executable(stream_stdin_helper ${CMAKE_CURRENT_LIST_DIR}/stream_stdin_helper.cpp)
target_link_libraries(stream_stdin_helper PRIVATE vigil_core)
target_include_directories(stream_stdin_helper PRIVATE ${PROJECT_SOURCE_DIR})
add_dependencies(tst_stream_sources_file stream_stdin_helper)
# Real sockets, files and stdin through the sources into the EventEngine: exact counts.
vigil_add_test(tst_engine_end_to_end
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_engine_end_to_end.cpp
  LABELS integration TIMEOUT 120)
add_dependencies(tst_engine_end_to_end vigilctl)
