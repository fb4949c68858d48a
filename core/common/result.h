// Result<T>: a value or an Error, for code paths where failure is expected input
// (malformed exposition text, dead backends). Usable from any thread.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vigil {

struct Error
{
    std::string message;
};

template <typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

template <>
class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_err(std::move(error)), m_ok(false) {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_err; }

private:
    Error m_err;
    bool m_ok = true;
};

} // namespace vigil
