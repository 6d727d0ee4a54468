#include "router.h"

#include <QVarLengthArray>

#include <algorithm>

namespace sb {

namespace {

QStringList patternSegments(const QString &pattern)
{
    QString p = pattern;
    if (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParam(const QString &segment)
{
    return segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

// Two patterns are ambiguous when some path matches both and neither is more specific
// (has more literal segments) than the other: the router could not choose.
bool ambiguous(const QString &a, const QString &b);

int specificity(const QString &pattern)
{
    int literal = 0;
    for (const QString &s : patternSegments(pattern)) {
        if (!isParam(s))
            ++literal;
    }
    return literal;
}

bool ambiguous(const QString &a, const QString &b)
{
    const QStringList sa = patternSegments(a);
    const QStringList sb = patternSegments(b);
    if (sa.size() != sb.size() || specificity(a) != specificity(b))
        return false;
    for (qsizetype i = 0; i < sa.size(); ++i) {
        if (!isParam(sa[i]) && !isParam(sb[i]) && sa[i] != sb[i])
            return false;
    }
    return true;
}

}  // namespace

CompiledPattern::CompiledPattern(const QString &pattern)
{
    for (const QString &s : patternSegments(pattern)) {
        Segment seg;
        seg.param = isParam(s);
        if (seg.param)
            seg.name = s.mid(1, s.size() - 2);
        else
            seg.literal = s.toUtf8();
        segments.append(std::move(seg));
    }
    specificity = sb::specificityOf(segments);
}

int specificityOf(const QList<CompiledPattern::Segment> &segments)
{
    return int(std::count_if(segments.begin(), segments.end(), [](const CompiledPattern::Segment &s) { return !s.param; }));
}

namespace {
// The path's segments, split once per request (not once per route).
QVarLengthArray<QByteArrayView, 8> pathSegments(const QByteArray &path)
{
    QByteArrayView p(path);
    if (p.size() > 1 && p.endsWith('/'))
        p.chop(1);
    QVarLengthArray<QByteArrayView, 8> out;
    if (p.isEmpty() || p == "/")
        return out;
    qsizetype from = p.startsWith('/') ? 1 : 0;
    for (;;) {
        const qsizetype slash = p.indexOf('/', from);
        out.append(p.sliced(from, (slash < 0 ? p.size() : slash) - from));
        if (slash < 0)
            break;
        from = slash + 1;
    }
    return out;
}

bool matchSegments(const CompiledPattern &pattern, const QVarLengthArray<QByteArrayView, 8> &parts,
                   QHash<QString, QString> *params)
{
    if (parts.size() != pattern.segments.size())
        return false;
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const CompiledPattern::Segment &s = pattern.segments[i];
        const QByteArrayView part = parts[i];
        if (s.param) {
            if (part.isEmpty())
                return false;
            found.insert(s.name, QString::fromUtf8(part.contains('%') ? percentDecode(part) : part.toByteArray()));
        } else if (part.contains('%') ? percentDecode(part) != s.literal : part != s.literal) {
            return false;
        }
    }
    if (params)
        *params = std::move(found);
    return true;
}
}  // namespace

bool matchPattern(const QString &pattern, const QByteArray &path, QHash<QString, QString> *params)
{
    return matchSegments(CompiledPattern(pattern), pathSegments(path), params);
}

void Router::addHttp(HttpRoute route)
{
    route.compiled = CompiledPattern(route.pattern);
    m_http.append(std::move(route));
}

void Router::addWs(WsRoute route)
{
    route.compiled = CompiledPattern(route.pattern);
    m_ws.append(std::move(route));
}

void Router::setAllowedOrigins(const std::function<QStringList(const QString &service)> &originsOf)
{
    for (WsRoute &route : m_ws)
        route.allowedOrigins = originsOf(route.service);
}

QString Router::findClash(const QString &listenerName) const
{
    for (qsizetype i = 0; i < m_http.size(); ++i) {
        for (qsizetype j = i + 1; j < m_http.size(); ++j) {
            const HttpRoute &a = m_http[i];
            const HttpRoute &b = m_http[j];
            if ((a.method == b.method || a.method == "*" || b.method == "*") && ambiguous(a.pattern, b.pattern))
                return QStringLiteral("route clash on listener %1: %2 %3 ('%4') and %2 %5 ('%6') match the same paths")
                    .arg(listenerName, QString::fromLatin1(a.method), a.pattern, a.service, b.pattern, b.service);
        }
    }
    for (qsizetype i = 0; i < m_ws.size(); ++i) {
        for (qsizetype j = i + 1; j < m_ws.size(); ++j) {
            if (ambiguous(m_ws[i].pattern, m_ws[j].pattern))
                return QStringLiteral("route clash on listener %1: WebSocket %2 ('%3') and %4 ('%5') match the same paths")
                    .arg(listenerName, m_ws[i].pattern, m_ws[i].service, m_ws[j].pattern, m_ws[j].service);
        }
    }
    return {};
}

RouteMatch Router::matchHttp(const QByteArray &method, const QByteArray &path) const
{
    RouteMatch best;
    int bestSpec = -1;
    const auto parts = pathSegments(path);
    for (const HttpRoute &r : m_http) {
        QHash<QString, QString> params;
        if (!matchSegments(r.compiled, parts, &params))
            continue;
        const bool methodOk = r.method == "*" || r.method == method || (method == "HEAD" && r.method == "GET");
        if (!methodOk) {
            best.otherMethods = true;
            if (!best.allowed.contains(r.method))
                best.allowed.append(r.method);
            continue;
        }
        const int spec = r.compiled.specificity;
        if (spec > bestSpec) {
            bestSpec = spec;
            best.http = &r;
            best.params = std::move(params);
        }
    }
    return best;
}

RouteMatch Router::matchWs(const QByteArray &path) const
{
    RouteMatch best;
    int bestSpec = -1;
    const auto parts = pathSegments(path);
    for (const WsRoute &r : m_ws) {
        QHash<QString, QString> params;
        if (!matchSegments(r.compiled, parts, &params))
            continue;
        const int spec = r.compiled.specificity;
        if (spec > bestSpec) {
            bestSpec = spec;
            best.ws = &r;
            best.params = std::move(params);
        }
    }
    return best;
}

}  // namespace sb
