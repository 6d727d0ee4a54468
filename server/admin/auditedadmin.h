#pragma once
// An Administration that writes every change it makes to the audit log: the same calls as
// the one it wraps, and after each change that succeeded an AuditEntry (who: the actor; what:
// the admin API's operation name; on what) goes to `sink`. Reads pass through unrecorded.
// The desktop app administers its own server through one (actor "desktop app"), each admin
// endpoint session through its own (docs/admin-api.md, "Audit log").

#include "api/administration.h"

#include <functional>
#include <memory>

namespace sb {

using AuditSink = std::function<void(const AuditEntry &)>;

class AuditedAdministration final : public Administration
{
public:
    AuditedAdministration(Administration &inner, Actor actor, AuditSink sink);
    ~AuditedAdministration() override;
    Q_DISABLE_COPY_MOVE(AuditedAdministration)

    AccountsAdmin &accounts() override { return *m_accounts; }
    ChatAdmin &chat() override { return *m_chat; }
    FelixAdmin &felix() override { return *m_felix; }
    ListenersAdmin &listeners() override { return *m_listeners; }
    AuditAdmin &audit() override { return m_inner.audit(); }

private:
    Administration &m_inner;
    std::unique_ptr<AccountsAdmin> m_accounts;
    std::unique_ptr<ChatAdmin> m_chat;
    std::unique_ptr<FelixAdmin> m_felix;
    std::unique_ptr<ListenersAdmin> m_listeners;
};

}  // namespace sb
