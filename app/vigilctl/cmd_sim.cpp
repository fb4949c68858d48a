#include "app/vigilctl/commands.h"

#include <cstdio>

namespace vigil::cli {

int runSim(const QStringList &)
{
    std::fprintf(stderr, "vigilctl sim: not built yet\n");
    return 2;
}

} // namespace vigil::cli
