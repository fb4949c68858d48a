# Files of core/store
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/series_store.h
  ${CMAKE_CURRENT_LIST_DIR}/series_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/series_store_read.cpp
  ${CMAKE_CURRENT_LIST_DIR}/series_data.h
  ${CMAKE_CURRENT_LIST_DIR}/selector.h
  ${CMAKE_CURRENT_LIST_DIR}/selector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/symbol_table.h
  ${CMAKE_CURRENT_LIST_DIR}/symbol_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xor_chunk.h
  ${CMAKE_CURRENT_LIST_DIR}/xor_chunk.cpp)
