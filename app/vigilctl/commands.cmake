target_sources(vigilctl PRIVATE
  cmd_parse.cpp
  cmd_scrape.cpp
  cmd_sim.cpp
  cmd_ingest.cpp
  cmd_cluster.cpp)
