// Label pairs as the core passes them around.
// LabelView points into someone else's buffer (a scrape body, a parser arena);
// Label owns its strings. Any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct LabelView
{
    std::string_view name;
    std::string_view value;
};

struct Label
{
    std::string name;
    std::string value;
    bool operator==(const Label &) const = default;
    auto operator<=>(const Label &) const = default;
};

using Labels = std::vector<Label>;

} // namespace vigil
