#include "clientswidget.h"

#include "remote/nodefinder.h"

#include "channelsclient.h"
#include "channelsclientwidget.h"
#include "chatclient.h"
#include "chatclientwidget.h"
#include "felixclient.h"
#include "felixclientwidget.h"
#include "popclient.h"
#include "popclientwidget.h"
#include "serverhost.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
const auto kProfiles = QStringLiteral("clients/profiles");
}

QUrl ServerProfile::url(quint16 port) const
{
    QUrl u;
    u.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(host);
    u.setPort(port);
    return u;
}

QVariantMap ServerProfile::toMap() const
{
    return {{QStringLiteral("name"), name},         {QStringLiteral("host"), host},
            {QStringLiteral("tls"), tls},           {QStringLiteral("accounts"), accountsPort},
            {QStringLiteral("channels"), channelsPort}, {QStringLiteral("felix"), felixPort},
            {QStringLiteral("pop"), popPort}};
}

ServerProfile ServerProfile::fromMap(const QVariantMap &m)
{
    ServerProfile p;
    p.name = m.value(QStringLiteral("name")).toString();
    p.host = m.value(QStringLiteral("host")).toString();
    p.tls = m.value(QStringLiteral("tls")).toBool();
    p.accountsPort = quint16(m.value(QStringLiteral("accounts"), 8000).toUInt());
    p.channelsPort = quint16(m.value(QStringLiteral("channels"), 8080).toUInt());
    p.felixPort = quint16(m.value(QStringLiteral("felix"), 8090).toUInt());
    p.popPort = quint16(m.value(QStringLiteral("pop"), 8081).toUInt());
    return p;
}

ProfileWidget::ProfileWidget(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_chat(new ChatClientWidget(m_tabs))
    , m_channels(new ChannelsClientWidget(m_tabs))
    , m_felix(new FelixClientWidget(m_tabs))
    , m_pop(new PopClientWidget(m_tabs))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs->addTab(m_chat, tr("Chat"));
    m_tabs->addTab(m_channels, tr("Channels"));
    m_tabs->addTab(m_felix, tr("Felix"));
    m_tabs->addTab(m_pop, tr("Pop"));
    layout->addWidget(m_tabs);
    // The chat's unread messages show on its tab while another client is in front.
    connect(m_chat->client(), &ChatClient::membersLoaded, this, [this] {
        const int unread = m_chat->client()->unreadTotal();
        m_tabs->setTabText(m_tabs->indexOf(m_chat), unread > 0 ? tr("Chat (%1)").arg(unread) : tr("Chat"));
    });
}

void ProfileWidget::setUrls(const QUrl &accounts, const QUrl &channels, const QUrl &felix, const QUrl &pop)
{
    m_chat->client()->setServer(accounts);
    m_channels->client()->setServer(channels);
    m_felix->client()->setServer(felix);
    m_pop->client()->setServers(pop, accounts);
}

ClientsWidget::ClientsWidget(ServerHost &host, QWidget *parent) : QWidget(parent), m_host(host), m_profiles(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    m_profiles->setTabsClosable(true);
    m_embedded = newProfile(tr("This computer"));
    m_profiles->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);  // the embedded server stays
    m_profiles->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    auto *add = new QToolButton(m_profiles);
    add->setText(tr("Add server…"));
    add->setToolTip(tr("Connect these clients to another server on your network"));
    m_profiles->setCornerWidget(add, Qt::TopRightCorner);
    layout->addWidget(m_profiles);

    connect(add, &QToolButton::clicked, this, &ClientsWidget::askForRemote);
    connect(m_profiles, &QTabWidget::tabCloseRequested, this, &ClientsWidget::removeRemote);
    connect(&m_host, &ServerHost::listenersChanged, this, &ClientsWidget::refreshEmbedded);
    refreshEmbedded();
    for (const QVariant &v : QSettings().value(kProfiles).toList()) {
        const ServerProfile p = ServerProfile::fromMap(v.toMap());
        if (!p.host.isEmpty()) {
            m_remotes.append(p);
            newProfile(p.name.isEmpty() ? p.host : p.name)
                ->setUrls(p.url(p.accountsPort), p.url(p.channelsPort), p.url(p.felixPort), p.url(p.popPort));
        }
    }
}

ProfileWidget *ClientsWidget::newProfile(const QString &title)
{
    auto *w = new ProfileWidget(m_profiles);
    m_profiles->addTab(w, title);
    connect(w->chat(), &ChatClientWidget::notify, this, &ClientsWidget::notify);
    return w;
}

ProfileWidget *ClientsWidget::profile(int index) const
{
    return qobject_cast<ProfileWidget *>(m_profiles->widget(index));
}

void ClientsWidget::refreshEmbedded()
{
    QUrl accounts, channels, felix, pop;
    for (const ListenerStatus &l : m_host.listeners()) {
        const QUrl u(l.localUrl);
        if (accounts.isEmpty() || l.services.contains(QLatin1String("chat")))
            accounts = u;  // every listener serves /auth/*; prefer the chat one
        if (l.services.contains(QLatin1String("channels")))
            channels = u;
        if (l.services.contains(QLatin1String("felix")))
            felix = u;
        if (l.services.contains(QLatin1String("pop")))
            pop = u;
    }
    m_embedded->setUrls(accounts, channels, felix, pop);
}

ProfileWidget *ClientsWidget::addRemote(const ServerProfile &p)
{
    m_remotes.append(p);
    ProfileWidget *w = newProfile(p.name.isEmpty() ? p.host : p.name);
    w->setUrls(p.url(p.accountsPort), p.url(p.channelsPort), p.url(p.felixPort), p.url(p.popPort));
    m_profiles->setCurrentWidget(w);
    save();
    return w;
}

void ClientsWidget::removeRemote(int index)
{
    if (index <= 0 || index > m_remotes.size())
        return;  // the embedded server's tab stays
    QWidget *w = m_profiles->widget(index);
    m_profiles->removeTab(index);
    w->deleteLater();
    m_remotes.removeAt(index - 1);
    save();
}

QList<ServerProfile> ClientsWidget::savedProfiles() const
{
    QList<ServerProfile> out;
    for (const QVariant &v : QSettings().value(kProfiles).toList())
        out.append(ServerProfile::fromMap(v.toMap()));
    return out;
}

void ClientsWidget::save()
{
    QVariantList list;
    for (const ServerProfile &p : std::as_const(m_remotes))
        list.append(p.toMap());
    QSettings().setValue(kProfiles, list);
}

void ClientsWidget::askForRemote()
{
    AddServerDialog dialog(m_finder, this);
    if (dialog.exec() == QDialog::Accepted && !dialog.profile().host.isEmpty())
        addRemote(dialog.profile());
}

AddServerDialog::AddServerDialog(NodeFinder *finder, QWidget *parent) : QDialog(parent), m_finder(finder)
{
    setWindowTitle(tr("Add server"));
    auto *form = new QFormLayout(this);
    m_found = new QComboBox(this);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Living room"));
    m_host = new QLineEdit(this);
    m_host->setPlaceholderText(tr("host name or address, e.g. 192.168.1.20"));
    m_tls = new QCheckBox(tr("TLS (https / wss)"), this);
    auto port = [this](int value) {
        auto *s = new QSpinBox(this);
        s->setRange(1, 65535);
        s->setValue(value);
        return s;
    };
    m_accounts = port(8000);
    m_channels = port(8080);
    m_felix = port(8090);
    m_pop = port(8081);
    form->addRow(tr("On your network"), m_found);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Host"), m_host);
    form->addRow(QString(), m_tls);
    form->addRow(tr("Chat and accounts port"), m_accounts);
    form->addRow(tr("Channels port"), m_channels);
    form->addRow(tr("Felix port"), m_felix);
    form->addRow(tr("Pop port"), m_pop);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_found, &QComboBox::activated, this, &AddServerDialog::pick);
    if (m_finder)
        connect(m_finder, &NodeFinder::changed, this, &AddServerDialog::updateFound);
    updateFound();
}

void AddServerDialog::updateFound()
{
    m_found->clear();
    const QList<FoundNode> nodes = m_finder ? m_finder->nodes() : QList<FoundNode>{};
    m_found->addItem(nodes.isEmpty() ? tr("None found: type the address below") : tr("Pick a node found on the LAN…"));
    for (const FoundNode &n : nodes)
        m_found->addItem(tr("%1 (%2)").arg(n.name, n.address), n.name);
}

void AddServerDialog::pick(int index)
{
    const QString name = m_found->itemData(index).toString();
    for (const FoundNode &n : m_finder ? m_finder->nodes() : QList<FoundNode>{}) {
        if (n.name != name)
            continue;
        m_name->setText(n.txt.value(QStringLiteral("node"), n.name));
        m_host->setText(n.address);
        const quint16 chat = n.servicePort(QStringLiteral("chat"));
        m_tls->setChecked(chat && n.serviceTls(QStringLiteral("chat")));
        const std::pair<const char *, QSpinBox *> ports[] = {{"chat", m_accounts}, {"channels", m_channels}, {"felix", m_felix}, {"pop", m_pop}};
        for (const auto &[service, box] : ports) {
            if (const quint16 p = n.servicePort(QLatin1String(service)))
                box->setValue(p);
        }
    }
}

ServerProfile AddServerDialog::profile() const
{
    ServerProfile p;
    p.name = m_name->text().trimmed();
    p.host = m_host->text().trimmed();
    p.tls = m_tls->isChecked();
    p.accountsPort = quint16(m_accounts->value());
    p.channelsPort = quint16(m_channels->value());
    p.felixPort = quint16(m_felix->value());
    p.popPort = quint16(m_pop->value());
    return p;
}

}  // namespace sb::ui
