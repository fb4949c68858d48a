# Files of core/stream
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/line_batch.h
  ${CMAKE_CURRENT_LIST_DIR}/line_framer.h
  ${CMAKE_CURRENT_LIST_DIR}/line_framer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stream_url.h
  ${CMAKE_CURRENT_LIST_DIR}/stream_url.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stream_source.h
  ${CMAKE_CURRENT_LIST_DIR}/stream_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stream_source_base.h
  ${CMAKE_CURRENT_LIST_DIR}/stream_source_base.cpp
  ${CMAKE_CURRENT_LIST_DIR}/mapped_file.h
  ${CMAKE_CURRENT_LIST_DIR}/mapped_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fd_read_source.h
  ${CMAKE_CURRENT_LIST_DIR}/fd_read_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/file_follow_source.h
  ${CMAKE_CURRENT_LIST_DIR}/file_follow_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tcp_client_source.h
  ${CMAKE_CURRENT_LIST_DIR}/tcp_client_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tcp_listen_source.h
  ${CMAKE_CURRENT_LIST_DIR}/tcp_listen_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/udp_source.h
  ${CMAKE_CURRENT_LIST_DIR}/udp_source.cpp)
