# Files of core/sim
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/sim_random.h
  ${CMAKE_CURRENT_LIST_DIR}/sim_cluster.h
  ${CMAKE_CURRENT_LIST_DIR}/sim_cluster.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sim_events.h
  ${CMAKE_CURRENT_LIST_DIR}/sim_events.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sim_exposition.h
  ${CMAKE_CURRENT_LIST_DIR}/sim_exposition.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulator.h
  ${CMAKE_CURRENT_LIST_DIR}/simulator.cpp)
