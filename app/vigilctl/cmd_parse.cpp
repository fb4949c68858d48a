#include "app/vigilctl/commands.h"

#include <cstdio>

namespace vigil::cli {

int runParse(const QStringList &)
{
    std::fprintf(stderr, "vigilctl parse: not built yet\n");
    return 2;
}

} // namespace vigil::cli
