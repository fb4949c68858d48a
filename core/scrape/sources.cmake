# Files of core/scrape
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/scrape_target.h
  ${CMAKE_CURRENT_LIST_DIR}/scrape_target.cpp
  ${CMAKE_CURRENT_LIST_DIR}/backoff.h
  ${CMAKE_CURRENT_LIST_DIR}/backoff.cpp
  ${CMAKE_CURRENT_LIST_DIR}/body_decoder.h
  ${CMAKE_CURRENT_LIST_DIR}/body_decoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_fetch.h
  ${CMAKE_CURRENT_LIST_DIR}/http_fetch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scraper.h
  ${CMAKE_CURRENT_LIST_DIR}/scraper.cpp)
