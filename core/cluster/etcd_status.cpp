#include "core/cluster/etcd_status.h"

#include "core/cluster/cluster_text.h"

#include <QUrl>

#include <nlohmann/json.hpp>

namespace vigil {

namespace {

using json = nlohmann::json;

// A uint64 given as a decimal string or as an unsigned JSON integer.
std::optional<std::uint64_t> exactU64(const json &obj, const char *key)
{
    const auto it = obj.find(key);
    if (it == obj.end())
        return std::nullopt;
    if (it->is_string())
        return parseUint64Decimal(it->get_ref<const std::string &>());
    if (it->is_number_unsigned())
        return it->get<std::uint64_t>();
    if (it->is_number_integer() && it->get<std::int64_t>() >= 0)
        return static_cast<std::uint64_t>(it->get<std::int64_t>());
    return std::nullopt;
}

Error fieldError(const char *what, const char *key)
{
    return Error{std::string(what) + " lacks a valid '" + key + "' (a uint64 as a decimal string)"};
}

Result<json> parseObject(std::string_view body, const char *what)
{
    json doc = json::parse(body.begin(), body.end(), nullptr, false);
    if (doc.is_discarded())
        return Error{std::string(what) + " is not JSON: " + plainText(body, 120)};
    if (!doc.is_object())
        return Error{std::string(what) + " is not a JSON object: " + plainText(body, 120)};
    return doc;
}

std::string instanceOfUrl(const std::string &url)
{
    const QUrl u(QString::fromStdString(url));
    if (!u.isValid() || u.host().isEmpty())
        return {};
    const int defaultPort = u.scheme() == QLatin1String("https") ? 443 : 80;
    QString host = u.host(QUrl::FullyEncoded);
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QString(host + QLatin1Char(':') + QString::number(u.port(defaultPort))).toStdString();
}

} // namespace

Result<EtcdStatus> parseEtcdStatus(std::string_view body)
{
    const char *what = "etcd status answer";
    Result<json> doc = parseObject(body, what);
    if (!doc)
        return doc.error();
    const json &j = *doc;
    EtcdStatus s;
    const auto header = j.find("header");
    if (header == j.end() || !header->is_object())
        return Error{std::string(what) + " lacks 'header'"};
    const auto member = exactU64(*header, "member_id");
    if (!member)
        return fieldError(what, "header.member_id");
    s.memberId = *member;
    if (j.contains("leader")) {
        s.leader = exactU64(j, "leader");
        if (!s.leader)
            return fieldError(what, "leader");
        if (*s.leader == 0)
            s.leader.reset(); // etcd's "no leader"
    }
    const auto term = j.contains("raftTerm") ? exactU64(j, "raftTerm") : exactU64(*header, "raft_term");
    const auto index = exactU64(j, "raftIndex");
    const auto applied = exactU64(j, "raftAppliedIndex");
    if (!term)
        return fieldError(what, "raftTerm");
    if (!index)
        return fieldError(what, "raftIndex");
    if (!applied)
        return fieldError(what, "raftAppliedIndex");
    s.raftTerm = *term;
    s.raftIndex = *index;
    s.raftAppliedIndex = *applied;
    if (const auto errors = j.find("errors"); errors != j.end() && errors->is_array())
        for (const json &e : *errors)
            if (e.is_string() && s.errors.size() < 8)
                s.errors.push_back(plainText(e.get_ref<const std::string &>(), 200));
    if (const auto v = j.find("version"); v != j.end() && v->is_string())
        s.version = plainText(v->get_ref<const std::string &>(), 64);
    return s;
}

Result<std::vector<EtcdMember>> parseEtcdMembers(std::string_view body)
{
    const char *what = "etcd member list";
    Result<json> doc = parseObject(body, what);
    if (!doc)
        return doc.error();
    const auto members = doc->find("members");
    if (members == doc->end() || !members->is_array())
        return Error{std::string(what) + " lacks 'members'"};
    std::vector<EtcdMember> out;
    for (const json &m : *members) {
        if (!m.is_object())
            continue;
        const auto id = exactU64(m, "ID");
        if (!id)
            return fieldError(what, "members[].ID");
        EtcdMember member;
        member.id = *id;
        if (const auto n = m.find("name"); n != m.end() && n->is_string())
            member.name = plainText(n->get_ref<const std::string &>(), 128);
        if (const auto urls = m.find("clientURLs"); urls != m.end() && urls->is_array())
            for (const json &u : *urls)
                if (u.is_string() && member.clientUrls.size() < 16)
                    member.clientUrls.push_back(plainText(u.get_ref<const std::string &>(), 256));
        out.push_back(std::move(member));
        if (out.size() >= 1024)
            break;
    }
    return out;
}

void mergeEtcdStatus(NodeObservation &obs, const Result<EtcdStatus> &status, const std::vector<EtcdMember> &members,
                     const std::string &instance, std::int64_t atMs, EtcdStatusReply reply)
{
    const std::string metricsError = obs.reachable ? obs.error : std::string();
    if (status) {
        const EtcdStatus &s = *status;
        obs.reachable = true;
        obs.atMs = std::max(obs.atMs, atMs);
        obs.id = memberIdHex(s.memberId);
        obs.term = s.raftTerm;
        obs.commit = s.raftIndex;
        obs.applied = s.raftAppliedIndex;
        obs.leader = s.leader ? memberIdHex(*s.leader) : std::string();
        obs.role = !s.leader ? NodeRole::Candidate : *s.leader == s.memberId ? NodeRole::Leader : NodeRole::Follower;
        std::string error = metricsError;
        for (const std::string &e : s.errors)
            error += (error.empty() ? "" : "; ") + e;
        obs.error = error;
    } else if (obs.reachable && reply == EtcdStatusReply::NoAnswer) {
        // Nothing listens on the client URL (or it hangs): the metrics in the store are a
        // scrape of a member that is gone since, so their view must not survive.
        obs.reachable = false;
        obs.atMs = std::max(obs.atMs, atMs);
        obs.error = status.error().message;
        obs.role.reset();
    } else if (obs.reachable) {
        // Metrics answered, the status API did not: keep the metrics' view, say why.
        obs.error = "status API: " + status.error().message;
        // Metric-derived ids are instances; keep them unless the member list knows better.
    } else {
        obs.error = obs.error.empty() ? status.error().message : status.error().message + "; metrics: " + obs.error;
        obs.role.reset();
    }
    // Identity from the member list: by id when known, else by client URL.
    for (const EtcdMember &m : members) {
        bool match = status && m.id == status->memberId;
        if (!status)
            for (const std::string &u : m.clientUrls)
                match = match || instanceOfUrl(u) == instance;
        if (match) {
            obs.id = memberIdHex(m.id);
            if (!m.name.empty())
                obs.name = m.name;
            break;
        }
    }
}

} // namespace vigil
