#include "core/cluster/cluster_json.h"

#include "core/cluster/cluster_text.h"

#include <nlohmann/json.hpp>

#include <limits>
#include <optional>

namespace vigil {

namespace {

using OrderedJson = nlohmann::ordered_json; // keys in the documented order
using Json = nlohmann::json;

constexpr int kMaxDepth = 16;
constexpr std::size_t kMaxValues = std::size_t(1) << 20;

// ---------------------------------------------------------------- writing

void putOptional(OrderedJson &o, const char *key, const std::optional<std::uint64_t> &v)
{
    if (v) o[key] = *v;
}

OrderedJson nodeJson(const ClusterNode &n)
{
    OrderedJson o = OrderedJson::object();
    o["id"] = n.id;
    o["name"] = n.name;
    o["target"] = n.target;
    o["role"] = nodeRoleName(n.role);
    o["reachable"] = n.reachable;
    putOptional(o, "term", n.term);
    putOptional(o, "commit", n.commit);
    putOptional(o, "applied", n.applied);
    o["leader"] = n.leader;
    OrderedJson lag = OrderedJson::array();
    for (const PeerLag &l : n.lag)
        lag.push_back(OrderedJson{{"peer", l.peer}, {"entries", l.entries}}); // NaN/inf dump as null
    o["lag"] = std::move(lag);
    putOptional(o, "peers_connected", n.peersConnected);
    putOptional(o, "elections_total", n.electionsTotal);
    o["last_election_ms"] = n.lastElectionMs;
    o["last_sample_ms"] = n.lastSampleMs;
    o["error"] = n.error;
    return o;
}

// ---------------------------------------------------------------- reading

// Thrown only inside this file, caught by clusterFromJson.
struct ShapeError
{
    std::string message;
};

struct LimitError
{
    std::string message;
};

[[noreturn]] void fail(const std::string &path, const std::string &what)
{
    throw ShapeError{path + ": " + what};
}

std::string cut(std::string s)
{
    if (s.size() <= kMaxClusterJsonString) return s;
    std::size_t n = kMaxClusterJsonString;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n; // s[n] starts the first character that no longer fits
    s.resize(n);
    return s;
}

const Json *member(const Json &obj, const char *key)
{
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

const Json &required(const Json &obj, const std::string &path, const char *key)
{
    const Json *v = member(obj, key);
    if (!v) fail(path.empty() ? std::string(key) : path + "." + key, "missing");
    return *v;
}

std::string field(const std::string &path, const char *key)
{
    return path.empty() ? std::string(key) : path + "." + key;
}

std::string asString(const Json &v, const std::string &path, bool nullable)
{
    if (v.is_string()) return cut(v.get<std::string>());
    if (nullable && v.is_null()) return {};
    fail(path, nullable ? "expected a string or null" : "expected a string");
}

void readString(const Json &obj, const std::string &path, const char *key, std::string &out,
                bool nullable = false)
{
    if (const Json *v = member(obj, key)) out = asString(*v, field(path, key), nullable);
}

std::uint64_t asUnsigned(const Json &v, const std::string &path)
{
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return std::uint64_t(v.get<std::int64_t>());
    fail(path, "expected an unsigned integer");
}

void readOptionalUnsigned(const Json &obj, const std::string &path, const char *key,
                          std::optional<std::uint64_t> &out)
{
    const Json *v = member(obj, key);
    if (!v || v->is_null()) {
        out.reset();
        return;
    }
    out = asUnsigned(*v, field(path, key));
}

void readUnsigned(const Json &obj, const std::string &path, const char *key, std::uint64_t &out)
{
    if (const Json *v = member(obj, key)) out = asUnsigned(*v, field(path, key));
}

void readInt(const Json &obj, const std::string &path, const char *key, std::int64_t &out)
{
    const Json *v = member(obj, key);
    if (!v) return;
    if (v->is_number_integer() && !v->is_number_unsigned()) {
        out = v->get<std::int64_t>();
        return;
    }
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        out = std::int64_t(v->get<std::uint64_t>());
        return;
    }
    fail(field(path, key), "expected a 64-bit integer");
}

void readBool(const Json &obj, const std::string &path, const char *key, bool &out)
{
    const Json *v = member(obj, key);
    if (!v) return;
    if (!v->is_boolean()) fail(field(path, key), "expected true or false");
    out = v->get<bool>();
}

double asDouble(const Json &v, const std::string &path)
{
    if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (v.is_number_float()) return v.get<double>();
    if (v.is_number_unsigned()) return double(v.get<std::uint64_t>());
    if (v.is_number_integer()) return double(v.get<std::int64_t>());
    fail(path, "expected a number or null");
}

// The quoted value in an error, made safe to show: capped plain text.
std::string quoted(const Json &v)
{
    return "\"" + plainText(v.get<std::string>(), 64) + "\"";
}

NodeRole asRole(const Json &v, const std::string &path)
{
    if (!v.is_string()) fail(path, "expected a string");
    for (NodeRole r : {NodeRole::Leader, NodeRole::Follower, NodeRole::Candidate, NodeRole::Unreachable})
        if (v.get_ref<const std::string &>() == nodeRoleName(r)) return r;
    fail(path, "unknown role " + quoted(v) + " (expected leader, follower, candidate or unreachable)");
}

AnomalyKind asKind(const Json &v, const std::string &path)
{
    if (!v.is_string()) fail(path, "expected a string");
    for (AnomalyKind k : {AnomalyKind::NoLeader, AnomalyKind::TwoLeaders, AnomalyKind::TermBackwards,
                          AnomalyKind::CommitStalled, AnomalyKind::StaleData, AnomalyKind::EventLoss})
        if (v.get_ref<const std::string &>() == anomalyKindName(k)) return k;
    fail(path, "unknown anomaly kind " + quoted(v));
}

// The array at obj[key] (missing or null: none), at most `limit` elements.
const Json *array(const Json &obj, const std::string &path, const char *key, std::size_t limit,
                  bool isRequired = false)
{
    const Json *v = isRequired ? &required(obj, path, key) : member(obj, key);
    if (!v || (!isRequired && v->is_null())) return nullptr;
    if (!v->is_array()) fail(field(path, key), "expected an array");
    if (v->size() > limit)
        fail(field(path, key),
             std::to_string(v->size()) + " entries exceed the limit of " + std::to_string(limit));
    return v;
}

std::string element(const std::string &path, const char *key, std::size_t i)
{
    return field(path, key) + "[" + std::to_string(i) + "]";
}

void expectObject(const Json &v, const std::string &path)
{
    if (!v.is_object()) fail(path, "expected an object");
}

ClusterNode readNode(const Json &o, const std::string &p)
{
    expectObject(o, p);
    ClusterNode n;
    n.id = asString(required(o, p, "id"), field(p, "id"), false);
    readString(o, p, "name", n.name);
    readString(o, p, "target", n.target);
    n.role = asRole(required(o, p, "role"), field(p, "role"));
    readBool(o, p, "reachable", n.reachable);
    readOptionalUnsigned(o, p, "term", n.term);
    readOptionalUnsigned(o, p, "commit", n.commit);
    readOptionalUnsigned(o, p, "applied", n.applied);
    readString(o, p, "leader", n.leader, true);
    if (const Json *lag = array(o, p, "lag", kMaxClusterJsonLag)) {
        n.lag.reserve(lag->size());
        for (std::size_t i = 0; i < lag->size(); ++i) {
            const Json &e = (*lag)[i];
            const std::string ep = element(p, "lag", i);
            expectObject(e, ep);
            PeerLag l;
            readString(e, ep, "peer", l.peer);
            if (const Json *entries = member(e, "entries")) l.entries = asDouble(*entries, field(ep, "entries"));
            n.lag.push_back(std::move(l));
        }
    }
    readOptionalUnsigned(o, p, "peers_connected", n.peersConnected);
    readOptionalUnsigned(o, p, "elections_total", n.electionsTotal);
    readInt(o, p, "last_election_ms", n.lastElectionMs);
    readInt(o, p, "last_sample_ms", n.lastSampleMs);
    readString(o, p, "error", n.error, true);
    return n;
}

ClusterSnapshot readSnapshot(const Json &root)
{
    if (!root.is_object()) throw ShapeError{"expected a JSON object (a cluster snapshot)"};
    ClusterSnapshot s;
    readInt(root, {}, "taken_ms", s.takenMs);
    readString(root, {}, "profile", s.profile);
    const Json &nodes = *array(root, {}, "nodes", kMaxClusterJsonNodes, true);
    s.nodes.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        s.nodes.push_back(readNode(nodes[i], element({}, "nodes", i)));
    if (const Json *anomalies = array(root, {}, "anomalies", kMaxClusterJsonAnomalies)) {
        s.anomalies.reserve(anomalies->size());
        for (std::size_t i = 0; i < anomalies->size(); ++i) {
            const Json &o = (*anomalies)[i];
            const std::string p = element({}, "anomalies", i);
            expectObject(o, p);
            ClusterAnomaly a;
            a.kind = asKind(required(o, p, "kind"), field(p, "kind"));
            readString(o, p, "node", a.node);
            readString(o, p, "message", a.message);
            readInt(o, p, "since_ms", a.sinceMs);
            s.anomalies.push_back(std::move(a));
        }
    }
    if (const Json *history = array(root, {}, "history", kMaxClusterJsonHistory)) {
        s.history.reserve(history->size());
        for (std::size_t i = 0; i < history->size(); ++i) {
            const Json &o = (*history)[i];
            const std::string p = element({}, "history", i);
            expectObject(o, p);
            RoleChange c;
            readInt(o, p, "at_ms", c.atMs);
            readString(o, p, "node", c.node);
            c.from = asRole(required(o, p, "from"), field(p, "from"));
            c.to = asRole(required(o, p, "to"), field(p, "to"));
            readUnsigned(o, p, "term", c.term);
            s.history.push_back(std::move(c));
        }
    }
    return s;
}

} // namespace

std::string clusterToJson(const ClusterSnapshot &snapshot)
{
    OrderedJson o = OrderedJson::object();
    o["taken_ms"] = snapshot.takenMs;
    o["profile"] = snapshot.profile;
    OrderedJson nodes = OrderedJson::array();
    for (const ClusterNode &n : snapshot.nodes)
        nodes.push_back(nodeJson(n));
    o["nodes"] = std::move(nodes);
    OrderedJson anomalies = OrderedJson::array();
    for (const ClusterAnomaly &a : snapshot.anomalies)
        anomalies.push_back(OrderedJson{{"kind", anomalyKindName(a.kind)},
                                        {"node", a.node},
                                        {"message", a.message},
                                        {"since_ms", a.sinceMs}});
    o["anomalies"] = std::move(anomalies);
    OrderedJson history = OrderedJson::array();
    for (const RoleChange &c : snapshot.history)
        history.push_back(OrderedJson{{"at_ms", c.atMs},
                                      {"node", c.node},
                                      {"from", nodeRoleName(c.from)},
                                      {"to", nodeRoleName(c.to)},
                                      {"term", c.term}});
    o["history"] = std::move(history);
    return o.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

Result<ClusterSnapshot> clusterFromJson(std::string_view json)
{
    if (json.size() > kMaxClusterJsonBytes)
        return Error{"cluster snapshot of " + std::to_string(json.size()) + " bytes exceeds 16 MiB"};
    // The limits hold while the document is built, not after: a hostile input of tiny
    // values or deep nesting never gets a large DOM.
    std::size_t values = 0;
    const Json::parser_callback_t guard = [&values](int depth, Json::parse_event_t event, Json &) {
        if (event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start ||
            event == Json::parse_event_t::value) {
            if (++values > kMaxValues)
                throw LimitError{"more than " + std::to_string(kMaxValues) + " JSON values"};
            if (depth > kMaxDepth)
                throw LimitError{"nested deeper than " + std::to_string(kMaxDepth) + " levels"};
        }
        return true;
    };
    try {
        const Json root = Json::parse(json.begin(), json.end(), guard);
        return readSnapshot(root);
    } catch (const ShapeError &e) {
        return Error{e.message};
    } catch (const LimitError &e) {
        return Error{"cluster snapshot refused: " + e.message};
    } catch (const Json::exception &e) {
        // nlohmann's message quotes some of the input: keep it plain and short.
        return Error{"not valid JSON: " + plainText(e.what(), 300)};
    } catch (const std::bad_alloc &) {
        return Error{"cluster snapshot: out of memory"};
    }
}

} // namespace vigil
