#include "felixsession.h"

#include "protocol/felix.h"

#include "felixservice.h"
#include "net/wssession.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sb::felix {

namespace pf = protocol::felix;

namespace {

// Strings only: "Ids are strings; bad shapes are ignored like any invalid message."
bool readIds(const QJsonObject &data, const char *key, QSet<QString> *out)
{
    const QJsonValue v = data.value(QLatin1String(key));
    if (v.isUndefined())
        return true;  // absent: listen to none of that kind
    if (!v.isArray())
        return false;
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString() || e.toString().isEmpty() || e.toString().size() > 128)
            return false;
        out->insert(e.toString());
    }
    return out->size() <= 10'000;
}

class FelixSession final : public WsSession
{
public:
    FelixSession(const SessionContext &context, ServiceCounters &counters, FelixService &service)
        : WsSession(context, counters), m_service(service)
    {
    }
    ~FelixSession() override { m_service.hub().unsubscribeAll({context().worker, id()}); }

protected:
    void onText(const QString &message) override
    {
        const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8());
        const QJsonValue code = doc.object().value(pf::key::code);
        const double c = code.toDouble(-1);
        if (!doc.isObject() || !code.isDouble() || c != double(qint64(c)))
            return invalid();
        if (qint64(c) == pf::code::heartbeat) {
            sendUtf8(m_service.heartbeatReply());
        } else if (qint64(c) == pf::code::subscribe) {
            const QJsonValue data = doc.object().value(pf::key::data);
            QSet<QString> users, guilds;
            if (!data.isObject() || !readIds(data.toObject(), "users", &users) || !readIds(data.toObject(), "guilds", &guilds))
                return invalid();
            m_service.hub().subscribe({context().worker, id()}, users, guilds);
        } else {
            invalid();
        }
    }
    void onBinary(const QByteArray &) override { invalid(); }
    void onDisconnected() override { m_service.hub().unsubscribeAll({context().worker, id()}); }

private:
    // Not processed, not answered (seed 002) — but counted, so the dashboard shows it.
    void invalid() { ServiceCounters::add(counters().errors); }

    FelixService &m_service;
};

}  // namespace

WsSession *newFelixSession(const SessionContext &context, ServiceCounters &counters, FelixService &service)
{
    return new FelixSession(context, counters, service);
}

}  // namespace sb::felix
