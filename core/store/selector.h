// Selector: a PromQL-style series selector, `name{label="v",label!="v",label=~"re",label!~"re"}`.
// Regexes are fully anchored as in Prometheus (and '.' matches newlines, like its
// ^(?s:re)$). A missing label matches as the empty string. Error columns are 1-based
// byte offsets. Immutable after parse; any thread.
#pragma once

#include "core/common/labels.h"
#include "core/common/result.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

struct LabelMatcher
{
    enum class Op { Equal, NotEqual, Regex, NotRegex };
    std::string name;
    Op op = Op::Equal;
    std::string value;
};

class Selector
{
public:
    Selector();
    ~Selector();
    Selector(const Selector &);
    Selector &operator=(const Selector &);
    Selector(Selector &&) noexcept;
    Selector &operator=(Selector &&) noexcept;

    // Errors name the column (1-based) and what was expected: "col 7: expected '=' ...".
    static Result<Selector> parse(std::string_view text);

    const std::vector<LabelMatcher> &matchers() const; // includes __name__ matchers
    // metric is __name__; labels exclude __name__.
    bool matches(std::string_view metric, std::span<const Label> labels) const;
    bool matches(std::string_view metric, std::span<const LabelView> labels) const;
    // The i-th matcher (index into matchers()) applied to one label value; a missing
    // label is the empty string, as in Prometheus.
    bool matcherMatches(std::size_t index, std::string_view value) const;
    std::string toString() const;

private:
    struct Impl;
    std::shared_ptr<const Impl> d;
};

} // namespace vigil
