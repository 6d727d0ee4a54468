#include "popsession.h"

#include "protocol/pop.h"

#include "accounts/accountstore.h"
#include "net/worker.h"
#include "net/wssession.h"
#include "popservice.h"
#include "servercontext.h"
#include "services/firstmessageauth.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sb::pop {

namespace pp = protocol::pop;

namespace {

// A reply as it goes on the wire: UTF-8 JSON, sent without a QString round trip.
QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

class PopSession final : public WsSession
{
public:
    PopSession(const SessionContext &context, ServiceCounters &counters, PopService &service)
        : WsSession(context, counters)
        , m_service(service)
        , m_auth(this, context.limits.unauthenticatedMs, [this] {
            ServiceCounters::add(this->counters().limitHits);
            refuseAuth(QStringLiteral("not authenticated within %1 ms").arg(this->context().limits.unauthenticatedMs));
        })
    {
    }
    ~PopSession() override { leaveGroup(); }

protected:
    void onText(const QString &message) override
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &pe);
        const QJsonObject o = doc.object();
        if (!m_user) {
            authenticate(pe.error == QJsonParseError::NoError && doc.isObject() ? o : QJsonObject());
            return;
        }
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            ServiceCounters::add(counters().errors);
            sendUtf8(compact({{pp::key::error, pp::code::invalidJson},
                              {pp::key::detail, QStringLiteral("messages are JSON objects with \"state\" or \"view_counts\"")}}));
            return;
        }
        if (o.contains(pp::key::state))
            handleState(o.value(pp::key::state));
        else if (o.contains(pp::key::viewCounts))
            handleViewCounts(o.value(pp::key::viewCounts));
        else {
            ServiceCounters::add(counters().errors);
            sendUtf8(compact({{pp::key::error, pp::code::unknownMessage},
                              {pp::key::detail, QStringLiteral("expected \"state\" or \"view_counts\"")}}));
        }
    }
    void onBinary(const QByteArray &) override
    {
        if (!m_user)
            return refuseAuth(QStringLiteral("the first message must be {\"authorization\": \"Bearer <session id>\"}"));
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{pp::key::error, pp::code::invalidJson}, {pp::key::detail, QStringLiteral("binary messages are not used")}}));
    }
    void onDisconnected() override { leaveGroup(); }

private:
    void refuseAuth(const QString &detail)
    {
        m_auth.stop();
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{pp::key::authenticated, false}, {pp::key::detail, detail}}));
        close(1008, detail);
    }

    void authenticate(const QJsonObject &first)
    {
        auto r = m_auth.check(*m_service.context().accounts, first.value(pp::key::authorization).toString());
        if (r.status == FirstMessageAuth::Result::NotBearer)
            return refuseAuth(QStringLiteral("the first message must be {\"authorization\": \"Bearer <session id>\"}"));
        if (r.status == FirstMessageAuth::Result::Invalid)
            return refuseAuth(QStringLiteral("invalid or expired session"));
        m_user = std::move(r.user);
        setAccess(m_user->id, r.tokenDigest);  // a logout closes this socket
        setIdentity(m_user->email);
        sendUtf8(compact({{pp::key::authenticated, true}}));
    }

    void stateError(const QString &detail)
    {
        ServiceCounters::add(counters().errors);
        sendUtf8(compact({{pp::key::state, false}, {pp::key::detail, detail}}));
    }

    void handleState(const QJsonValue &value)
    {
        if (!value.isObject())
            return stateError(QStringLiteral("state must be an object"));
        const QJsonObject s = value.toObject();
        const QJsonValue group = s.value(pp::key::activeGroupId);
        const QJsonValue typing = s.value(pp::key::isTyping);
        // The seed does not know the group id's type: a string, an integer or null.
        const bool groupOk = group.isUndefined() || group.isNull() || group.isString()
            || (group.isDouble() && group.toDouble() == double(qint64(group.toDouble())));
        if (!groupOk)
            return stateError(QStringLiteral("active_group_id must be a string, an integer or null"));
        if (!typing.isUndefined() && !typing.isNull() && !typing.isBool())
            return stateError(QStringLiteral("is_typing must be true, false or null"));
        // Only the known keys are echoed; anything else a client adds is dropped.
        QJsonObject echo{{pp::key::userId, m_user->uuid},
                         {pp::key::activeGroupId, group.isUndefined() ? QJsonValue(QJsonValue::Null) : group},
                         {pp::key::isTyping, typing.toBool(false)}};
        const QByteArray message = compact({{pp::key::state, echo}});
        const QString newGroup = group.isString() || group.isDouble() ? QString::fromUtf8(compact({{QStringLiteral("g"), group}})) : QString();
        if (newGroup != m_group) {
            leaveGroup();
            m_group = newGroup;
            if (!m_group.isEmpty())
                m_service.groups().join(m_group, context().worker, id());
        }
        sendUtf8(message);
        if (!m_group.isEmpty())
            m_service.groups().relayUtf8(m_group, id(), message);
    }

    void handleViewCounts(const QJsonValue &value)
    {
        ServiceCounters &c = counters();
        auto refuse = [&](const QString &detail) {
            ServiceCounters::add(c.reportsRefused);
            sendUtf8(compact({{pp::key::viewCounts, false}, {pp::key::detail, detail}}));
        };
        QString detail;
        auto report = parseViewCounts(value, m_service.rules(), &detail);
        if (!report)
            return refuse(detail);
        if (!m_service.allowReport(m_user->id))
            return refuse(QStringLiteral("too many view count reports; slow down"));
        ServiceCounters::add(c.reportsClamped, report->clamped);
        Worker *worker = context().worker;
        const quint64 sid = id();
        ServiceCounters *counters = &c;
        // Answered after the commit; what this socket sends next waits for that answer.
        holdInput();
        m_service.writer().submit(m_user->id, std::move(*report), [worker, sid, counters](bool stored, int capped) {
            ServiceCounters::add(counters->reportsClamped, capped);
            // The answer to nearly every report is the same bytes: built once, shared.
            static const QByteArray storedReply = compact({{pp::key::viewCounts, true}});
            const QByteArray reply = stored ? storedReply
                                            : compact({{pp::key::viewCounts, false}, {pp::key::detail, QStringLiteral("the report could not be stored")}});
            worker->post([worker, sid, reply] {
                if (WsSession *s = worker->session(sid)) {
                    s->sendUtf8(reply);
                    s->releaseInput();
                }
            });
        });
    }

    void leaveGroup()
    {
        if (!m_group.isEmpty())
            m_service.groups().leave(m_group, id());
        m_group.clear();
    }

    PopService &m_service;
    FirstMessageAuth m_auth;
    std::optional<User> m_user;
    QString m_group;
};

}  // namespace

WsSession *newPopSession(const SessionContext &context, ServiceCounters &counters, PopService &service)
{
    return new PopSession(context, counters, service);
}

}  // namespace sb::pop
