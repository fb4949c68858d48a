# `vigilctl cluster --profile etcd` against a real 3-member etcd cluster (installs etcd-server when missing).
vigil_add_test(tst_cluster_etcd SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_etcd.cpp LIBS Qt6::Network
               LABELS integration cluster TIMEOUT 900)
add_dependencies(tst_cluster_etcd vigilctl)
