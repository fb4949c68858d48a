#include "core/scrape/scrape_target.h"

#include <QByteArray>
#include <QUrl>

namespace vigil {

namespace {

// Where the user-info sits in `url`: [begin, at) with '@' at `at`; npos when absent.
struct UserInfoSpan
{
    std::size_t begin = std::string::npos;
    std::size_t at = std::string::npos;
};

UserInfoSpan findUserInfo(const std::string &url)
{
    UserInfoSpan span;
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos)
        return span;
    const std::size_t authBegin = scheme + 3;
    std::size_t authEnd = url.find_first_of("/?#", authBegin);
    if (authEnd == std::string::npos)
        authEnd = url.size();
    // The last '@' ends the user-info: passwords may contain an unencoded '@'.
    const std::size_t at = url.rfind('@', authEnd == 0 ? 0 : authEnd - 1);
    if (at == std::string::npos || at < authBegin)
        return span;
    span.begin = authBegin;
    span.at = at;
    return span;
}

std::string percentDecoded(std::string_view s)
{
    const QByteArray raw = QByteArray::fromPercentEncoding(QByteArray(s.data(), qsizetype(s.size())));
    return raw.toStdString();
}

} // namespace

std::string ScrapeTargetConfig::redactedUrl() const
{
    const UserInfoSpan span = findUserInfo(url);
    if (span.begin == std::string::npos)
        return url;
    return url.substr(0, span.begin) + url.substr(span.at + 1);
}

std::string ScrapeTargetConfig::instance() const
{
    const QUrl u(QString::fromStdString(redactedUrl()));
    if (!u.isValid() || u.host().isEmpty())
        return redactedUrl();
    const int defaultPort = u.scheme() == QLatin1String("https") ? 443 : 80;
    QString host = u.host(QUrl::FullyEncoded);
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QString(host + QLatin1Char(':') + QString::number(u.port(defaultPort))).toStdString();
}

void ScrapeTargetConfig::moveUserInfoToAuth()
{
    const UserInfoSpan span = findUserInfo(url);
    if (span.begin == std::string::npos)
        return;
    const std::string_view info(url.data() + span.begin, span.at - span.begin);
    if (auth.kind == ScrapeAuth::Kind::None) {
        const std::size_t colon = info.find(':');
        auth.kind = ScrapeAuth::Kind::Basic;
        auth.username = percentDecoded(info.substr(0, colon));
        auth.password = colon == std::string_view::npos ? std::string() : percentDecoded(info.substr(colon + 1));
    }
    url = redactedUrl();
}

} // namespace vigil
