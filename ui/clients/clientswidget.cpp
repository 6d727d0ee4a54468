#include "clientswidget.h"

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
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Add server"));
    auto *form = new QFormLayout(&dialog);
    auto *name = new QLineEdit(&dialog);
    name->setPlaceholderText(tr("e.g. Living room"));
    auto *hostEdit = new QLineEdit(&dialog);
    hostEdit->setPlaceholderText(tr("host name or address, e.g. 192.168.1.20"));
    auto *tls = new QCheckBox(tr("TLS (https / wss)"), &dialog);
    auto port = [&](int value) {
        auto *s = new QSpinBox(&dialog);
        s->setRange(1, 65535);
        s->setValue(value);
        return s;
    };
    QSpinBox *accounts = port(8000), *channels = port(8080), *felix = port(8090), *pop = port(8081);
    form->addRow(tr("Name"), name);
    form->addRow(tr("Host"), hostEdit);
    form->addRow(QString(), tls);
    form->addRow(tr("Chat and accounts port"), accounts);
    form->addRow(tr("Channels port"), channels);
    form->addRow(tr("Felix port"), felix);
    form->addRow(tr("Pop port"), pop);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted || hostEdit->text().trimmed().isEmpty())
        return;
    ServerProfile p;
    p.name = name->text().trimmed();
    p.host = hostEdit->text().trimmed();
    p.tls = tls->isChecked();
    p.accountsPort = quint16(accounts->value());
    p.channelsPort = quint16(channels->value());
    p.felixPort = quint16(felix->value());
    p.popPort = quint16(pop->value());
    addRemote(p);
}

}  // namespace sb::ui
