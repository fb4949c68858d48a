# Files of core/cluster: the Raft cluster view (profiles, tracker, observers, monitor).
list(APPEND VIGIL_CORE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/cluster_types.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_text.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_json.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_profile.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_tracker.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_tracker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store_cluster_observer.h
  ${CMAKE_CURRENT_LIST_DIR}/store_cluster_observer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/etcd_status.h
  ${CMAKE_CURRENT_LIST_DIR}/etcd_status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_status_poller.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_status_poller.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cluster_monitor.h
  ${CMAKE_CURRENT_LIST_DIR}/cluster_monitor.cpp)
# The built-in profiles (resources/profiles/*.json) as Qt resources :/vigil/profiles/NAME.json.
qt_add_resources(vigil_core vigil_cluster_profiles
  PREFIX "/vigil/profiles"
  BASE "${PROJECT_SOURCE_DIR}/resources/profiles"
  FILES
    "${PROJECT_SOURCE_DIR}/resources/profiles/etcd.json"
    "${PROJECT_SOURCE_DIR}/resources/profiles/eventstream.json")
