vigil_add_test(tst_ingest_hub SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_ingest_hub.cpp)
