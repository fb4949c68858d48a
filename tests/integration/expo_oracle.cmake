# Vigil's exposition parser against a real Prometheus server (the oracle): every
# case of tests/integration/expo_oracle_cases.h is served on loopback, scraped by
# /usr/bin/prometheus, and Prometheus' verdict (up) is compared with expo::parse().
vigil_add_test(tst_expo_vs_prometheus
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_expo_vs_prometheus.cpp ${CMAKE_CURRENT_LIST_DIR}/expo_oracle_cases.h
  LABELS integration TIMEOUT 180)
