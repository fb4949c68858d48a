# Simulator: the pure dynamics and writers (tst_sim), the served endpoints (tst_sim_server).
vigil_add_test(tst_sim SOURCES tst_sim.cpp LABELS sim)
vigil_add_test(tst_sim_server SOURCES tst_sim_server.cpp LIBS Qt6::Network ZLIB::ZLIB LABELS sim)
