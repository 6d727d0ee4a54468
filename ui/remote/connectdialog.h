#pragma once
// "Connect to server…": the address of another node's admin endpoint, TLS, and how to sign
// in (a superuser's or employee's email and password, or an admin API token). Remembers
// the servers used before (never a password or token) and the certificates the user chose
// to trust (trust on first use, by SHA-256 fingerprint).

#include "remotenode.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace sb::ui {

class NodeFinder;

class ConnectDialog final : public QDialog
{
    Q_OBJECT
public:
    // `finder` (may be null) lists the nodes announced on the LAN, live; picking one fills in
    // its address, port and TLS.
    explicit ConnectDialog(NodeFinder *finder = nullptr, QWidget *parent = nullptr);
    QListWidget *foundList() const { return m_found; }
    void setTarget(const RemoteTarget &target);
    RemoteTarget target() const;

    // The servers connected to before, newest first.
    static QList<RemoteTarget> profiles();
    static void remember(const RemoteTarget &target);
    static QByteArray trustedFingerprint(const QUrl &url);
    static void trust(const QUrl &url, const QByteArray &sha256Hex);

private:
    void updateHint();
    void updateFound();

    NodeFinder *m_finder;
    QListWidget *m_found;
    QComboBox *m_profiles;
    QLineEdit *m_address;
    QSpinBox *m_port;
    QCheckBox *m_tls;
    QComboBox *m_method;
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_token;
    QLabel *m_hint;
};

}  // namespace sb::ui
