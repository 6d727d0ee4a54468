#include "firstmessageauth.h"

namespace sb {

FirstMessageAuth::FirstMessageAuth(QObject *session, int ms, std::function<void()> expired)
{
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);  // never before the promised time
    QObject::connect(&m_deadline, &QTimer::timeout, session, std::move(expired));
    m_deadline.start(ms);
}

FirstMessageAuth::Result FirstMessageAuth::check(AccountStore &accounts, QStringView credentials)
{
    m_deadline.stop();
    if (!credentials.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        return {Result::NotBearer, std::nullopt, {}};
    const QByteArray token = credentials.mid(7).trimmed().toLatin1();
    auto user = accounts.userForAccessToken(token);
    if (!user)
        return {Result::Invalid, std::nullopt, {}};
    return {Result::Accepted, std::move(user), AccountStore::accessTokenDigest(token)};
}

}  // namespace sb
