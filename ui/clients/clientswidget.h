#pragma once
// The Clients tab: one tab per server profile — this computer's embedded server, and any
// Switchboard (or any server speaking the seed protocols) on the LAN — each with the
// channels, felix and pop clients. Remote profiles are remembered between runs (QSettings).

#include <QUrl>
#include <QVariantMap>
#include <QDialog>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace sb {
class ServerHost;
}

namespace sb::ui {

class ChannelsClientWidget;
class ChatClientWidget;
class FelixClientWidget;
class NodeFinder;
class PopClientWidget;

struct ServerProfile {
    QString name;
    QString host;
    bool tls = false;
    quint16 accountsPort = 8000;  // chat + /auth/*
    quint16 channelsPort = 8080;
    quint16 felixPort = 8090;
    quint16 popPort = 8081;

    QUrl url(quint16 port) const;
    QVariantMap toMap() const;
    static ServerProfile fromMap(const QVariantMap &m);
};

class ProfileWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileWidget(QWidget *parent = nullptr);
    void setUrls(const QUrl &accounts, const QUrl &channels, const QUrl &felix, const QUrl &pop);
    ChatClientWidget *chat() const { return m_chat; }
    ChannelsClientWidget *channels() const { return m_channels; }
    FelixClientWidget *felix() const { return m_felix; }
    PopClientWidget *pop() const { return m_pop; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs;
    ChatClientWidget *m_chat;
    ChannelsClientWidget *m_channels;
    FelixClientWidget *m_felix;
    PopClientWidget *m_pop;
};

class ClientsWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit ClientsWidget(ServerHost &host, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ClientsWidget)

    QTabWidget *profiles() const { return m_profiles; }
    ProfileWidget *embedded() const { return m_embedded; }
    ProfileWidget *profile(int index) const;
    // Adds (and remembers) a remote server; returns its tab.
    ProfileWidget *addRemote(const ServerProfile &profile);
    void removeRemote(int index);
    QList<ServerProfile> savedProfiles() const;
    // Asks for a remote server's address and ports (the nodes found on the LAN offered).
    void askForRemote();
    void setNodeFinder(NodeFinder *finder) { m_finder = finder; }

signals:
    // A chat message arrived while the window was not in front.
    void notify(const QString &title, const QString &text);

private:
    ProfileWidget *newProfile(const QString &title);
    void refreshEmbedded();
    void save();

    ServerHost &m_host;
    QTabWidget *m_profiles;
    ProfileWidget *m_embedded;
    QList<ServerProfile> m_remotes;
    NodeFinder *m_finder = nullptr;
};

// "Add server": a name, the host and the four ports; picking a node found on the LAN fills
// them in from its announcement.
class AddServerDialog final : public QDialog
{
    Q_OBJECT
public:
    AddServerDialog(NodeFinder *finder, QWidget *parent = nullptr);
    ServerProfile profile() const;
    QComboBox *found() const { return m_found; }

private:
    void updateFound();
    void pick(int index);

    NodeFinder *m_finder;
    QComboBox *m_found;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QCheckBox *m_tls;
    QSpinBox *m_accounts, *m_channels, *m_felix, *m_pop;
};

}  // namespace sb::ui
