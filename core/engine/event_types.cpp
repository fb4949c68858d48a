#include "core/engine/event_types.h"

namespace vigil {

const char *priorityName(Priority p)
{
    switch (p) {
    case Priority::Critical: return "critical";
    case Priority::High: return "high";
    case Priority::Medium: return "medium";
    case Priority::Low: return "low";
    }
    return "medium";
}

} // namespace vigil
