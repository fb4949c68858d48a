#include "app/vigilctl/commands.h"

#include <cstdio>

namespace vigil::cli {

int runScrape(const QStringList &)
{
    std::fprintf(stderr, "vigilctl scrape: not built yet\n");
    return 2;
}

} // namespace vigil::cli
