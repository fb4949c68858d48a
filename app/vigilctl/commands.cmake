target_sources(vigilctl PRIVATE
  cmd_parse.cpp
  cmd_scrape.cpp
  cmd_sim.cpp
  cmd_ingest.cpp
  cmd_cluster.cpp
  cmd_record.cpp
  cmd_capture.cpp
  quit_on_signal.h quit_on_signal.cpp)
