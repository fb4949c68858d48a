# Tests of core/cluster: the tracker and helpers (pure), profiles, the eventstream path
# against the in-process simulator, and the `vigilctl cluster` contract.
vigil_add_test(tst_cluster_tracker SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_tracker.cpp LABELS cluster)
vigil_add_test(tst_cluster_profile SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_profile.cpp LABELS cluster)
vigil_add_test(tst_cluster_sim SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_sim.cpp LIBS Qt6::Network
               LABELS cluster sim TIMEOUT 120)
vigil_add_test(tst_cluster_cli SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_cli.cpp LIBS Qt6::Network
               LABELS cluster cli TIMEOUT 180)
add_dependencies(tst_cluster_cli vigilctl)
# ClusterSnapshot <-> JSON (cluster state records of captures)
vigil_add_test(tst_cluster_json SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_json.cpp LABELS cluster)
