// ServerHost's listeners: binding, starting and stopping them, changing their port, TLS and
// address while the server runs, and the URLs they are reachable at.
#include "serverhost.h"

#include "logging.h"
#include "net/acceptor.h"
#include "net/tls.h"
#include "net/worker.h"
#include "servercontext.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkInterface>

namespace sb {

bool ServerHost::bind(int id, QString *error)
{
    std::shared_ptr<ListenerRuntime> rt = m_runtimes[size_t(id)];
    ListenerStatus &st = m_status[id];
    // Keep the port a listener had, so the URLs people were given stay valid.
    if (st.port != 0)
        rt->config.port = st.port;
    quint16 port = 0;
    QString err;
    port = m_acceptor->listen(rt, &err);
    if (port == 0) {
        st.running = false;
        st.error = err;
        *error = err;
        return false;
    }
    st.port = port;
    st.running = true;
    st.error.clear();
    st.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    st.address = rt->config.address;
    updateUrls(st);
    qCInfo(lcHost) << "listening" << st.name << st.localUrl;
    return true;
}

bool ServerHost::startListener(int id, QString *error)
{
    if (!m_running || id < 0 || id >= int(m_runtimes.size())) {
        *error = QStringLiteral("no such listener");
        return false;
    }
    if (m_status[id].running)
        return true;
    const bool ok = bind(id, error);
    emit listenersChanged();
    return ok;
}

void ServerHost::stopListener(int id)
{
    if (!m_running || id < 0 || id >= int(m_runtimes.size()) || !m_status[id].running)
        return;
    m_acceptor->close(id);
    for (Worker *w : m_workers)
        w->post([w, id] { w->closeListener(id, 1001, QStringLiteral("listener stopped")); });
    m_status[id].running = false;
    m_status[id].startedAtMs = 0;
    emit listenersChanged();
}

bool ServerHost::reconfigureListener(int id, int port, const std::optional<TlsFiles> &tls, QString *error)
{
    if (id < 0 || id >= int(m_runtimes.size())) {
        *error = QStringLiteral("no such listener");
        return false;
    }
    if (port < 0 || port > 65535) {
        *error = QStringLiteral("a port is 0 to 65535");
        return false;
    }
    auto rt = std::make_shared<ListenerRuntime>(*m_runtimes[size_t(id)]);
    rt->config.port = port;
    rt->config.tls = tls;
    rt->tls.reset();
    if (tls) {
        QString tlsError;
        rt->tls = loadServerTls(tls->certificate, tls->key, &tlsError);
        if (!rt->tls) {
            *error = QStringLiteral("TLS: %1").arg(tlsError);
            return false;
        }
    }
    const bool wasRunning = m_running && m_status[id].running;
    const auto old = m_runtimes[size_t(id)];
    const ListenerStatus before = m_status[id];
    m_runtimes[size_t(id)] = rt;
    m_status[id].tls = tls.has_value();
    m_status[id].port = quint16(port);  // bind() keeps a non-zero port; 0 picks a new one
    bool ok = true;
    if (wasRunning && bind(id, error)) {
        // Bound: only now do the clients of the old socket go (1001, as a stopped listener's).
        for (Worker *w : m_workers)
            w->post([w, id, old] { w->closeListener(id, 1001, QStringLiteral("listener moved"), old.get()); });
    } else if (wasRunning) {
        // A change that cannot be applied changes nothing: the old socket kept listening
        // (Acceptor::listen), unless it had to make way for the same port; then it listens again.
        ok = false;
        m_runtimes[size_t(id)] = old;
        m_status[id] = before;
        QString again;
        if (!m_acceptor->isListening(id))
            bind(id, &again);
    }
    if (ok) {
        for (ListenerConfig &lc : m_ctx->config.listeners) {
            if (lc.group == old->config.group && lc.services == old->config.services) {
                lc.port = port;
                lc.tls = tls;
            }
        }
        updateUrls(m_status[id]);
    }
    emit listenersChanged();
    return ok;
}

bool ServerHost::setListenAddress(const QString &address, QString *error)
{
    ServerConfig probe = m_ctx->config;
    probe.overrideAddress(address);
    const QString problem = probe.validate();
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    m_ctx->config.overrideAddress(address);
    // Listening on this computer only: those on other machines go too (the LAN was shut out,
    // not only new arrivals).
    if (address == QLatin1String("localhost") || QHostAddress(address).isLoopback()) {
        for (Worker *w : m_workers)
            w->post([w] { w->closeRemotePeers(1001, QStringLiteral("the server now accepts connections from its own computer only")); });
    }
    bool ok = true;
    for (int id = 0; id < int(m_runtimes.size()); ++id) {
        // A new runtime: connections already open keep the one they came in on.
        auto rt = std::make_shared<ListenerRuntime>(*m_runtimes[size_t(id)]);
        rt->config.address = address;
        m_runtimes[size_t(id)] = rt;
        m_status[id].address = address;
        if (m_running && m_status[id].running) {
            QString e;
            if (!bind(id, &e)) {
                ok = false;
                *error = e;
            }
        } else {
            updateUrls(m_status[id]);
        }
    }
    emit listenersChanged();
    return ok;
}

QList<ListenerStatus> ServerHost::listeners() const
{
    QList<ListenerStatus> out = m_status;
    for (qsizetype i = 0; i < out.size() && i < qsizetype(m_runtimes.size()); ++i) {
        const ListenerConfig &c = m_runtimes[size_t(i)]->config;
        out[i].configuredPort = c.port;
        out[i].certificateFile = c.tls ? c.tls->certificate : QString();
        out[i].keyFile = c.tls ? c.tls->key : QString();
    }
    return out;
}

QStringList ServerHost::lanAddresses()
{
    QStringList v4, v6;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        const auto flags = iface.flags();
        if (!(flags & QNetworkInterface::IsUp) || !(flags & QNetworkInterface::IsRunning) || (flags & QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &e : iface.addressEntries()) {
            const QHostAddress a = e.ip();
            if (a.isLoopback() || a.isLinkLocal())
                continue;
            if (a.protocol() == QAbstractSocket::IPv4Protocol)
                v4.append(a.toString());
            else if (a.protocol() == QAbstractSocket::IPv6Protocol)
                v6.append(a.toString());
        }
    }
    return v4 + v6;
}

void ServerHost::updateUrls(ListenerStatus &st) const
{
    const QString scheme = st.tls ? QStringLiteral("https") : QStringLiteral("http");
    auto url = [&](const QString &host) {
        const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
        return QStringLiteral("%1://%2:%3").arg(scheme, h).arg(st.port);
    };
    st.lanUrls.clear();
    if (st.address == QLatin1String("any")) {
        st.localUrl = url(QStringLiteral("127.0.0.1"));
        for (const QString &a : lanAddresses())
            st.lanUrls.append(url(a));
    } else if (st.address == QLatin1String("localhost")) {
        st.localUrl = url(QStringLiteral("127.0.0.1"));
    } else {
        st.localUrl = url(st.address);
        if (!QHostAddress(st.address).isLoopback())
            st.lanUrls.append(st.localUrl);
    }
}

}  // namespace sb
