# Files of core/hub
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/sample_batch.h
  ${CMAKE_CURRENT_LIST_DIR}/target_status.h
  ${CMAKE_CURRENT_LIST_DIR}/ingest_hub.h
  ${CMAKE_CURRENT_LIST_DIR}/ingest_hub.cpp)
