// vigilctl subcommands. Each takes the arguments after its name (argv[0] is
// "vigilctl <command>") and returns the process exit code. They run on the main
// thread of a QCoreApplication that already exists.
#pragma once

#include <QStringList>

namespace vigil::cli {

int runParse(const QStringList &args);  // cmd_parse.cpp
int runScrape(const QStringList &args); // cmd_scrape.cpp
int runSim(const QStringList &args);    // cmd_sim.cpp
int runIngest(const QStringList &args); // cmd_ingest.cpp
int runCluster(const QStringList &args); // cmd_cluster.cpp
int runRecord(const QStringList &args);  // cmd_record.cpp
int runCapture(const QStringList &args); // cmd_capture.cpp (info, verify, export)

} // namespace vigil::cli
