# `vigilctl cluster --profile etcd` and the Cluster page's data path (Scraper -> IngestHub ->
# ClusterMonitor -> ClusterNodesModel) against a real 3-member etcd cluster (installs
# etcd-server when missing): leader, term, failover within 3 s of the election, rejoin.
vigil_add_test(tst_cluster_etcd
               SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_cluster_etcd.cpp ${CMAKE_CURRENT_LIST_DIR}/etcd_cluster_fixture.h
               LIBS vigil_models Qt6::Network LABELS integration cluster TIMEOUT 900)
add_dependencies(tst_cluster_etcd vigilctl)
