# Tests of core/store
vigil_add_test(tst_xor_chunk SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_xor_chunk.cpp LABELS store)
vigil_add_test(tst_selector SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_selector.cpp LABELS store)
vigil_add_test(tst_series_store SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_series_store.cpp LABELS store)
vigil_add_test(tst_symbol_table SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_symbol_table.cpp LABELS store)
