# Files of core/net
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/http_server.h
  ${CMAKE_CURRENT_LIST_DIR}/http_server.cpp)
