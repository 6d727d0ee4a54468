#pragma once
// The embedded server's listeners: port and TLS per listener — certificate files, or a
// self-signed certificate generated here (its SHA-256 fingerprint shown so that clients
// can check it). Applying restarts that listener, and the panel says so first. (Which
// network the listeners are reachable from is the Overview's "Share on the LAN".)

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableWidget;

namespace sb {
class ListenersAdmin;
class Monitor;
}

namespace sb::ui {

class ListenersWidget final : public QWidget
{
    Q_OBJECT
public:
    ListenersWidget(Monitor &monitor, ListenersAdmin &listeners, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ListenersWidget)

    void refresh();
    void select(int listener);
    // Has the node generate a self-signed pair for the selected listener and fills in the
    // files; certificateReady() follows.
    void generateCertificate();
    // Restarts the selected listener with the form's port and TLS; applied() follows.
    void apply();
    // Has the node write the settings in force to its config.json; kept() follows.
    void keep();

    QTableWidget *table() const { return m_table; }
    QSpinBox *port() const { return m_port; }
    QCheckBox *tls() const { return m_tls; }
    QLineEdit *certificate() const { return m_cert; }
    QLineEdit *key() const { return m_key; }
    QLabel *fingerprint() const { return m_fingerprint; }
    QLabel *message() const { return m_message; }

signals:
    void certificateReady(bool ok);
    void applied(bool ok);
    void kept(const QString &path);  // empty: not saved (the message says why)

private:
    void updateWarning();

    Monitor &m_monitor;
    ListenersAdmin &m_listeners;
    QTableWidget *m_table;
    QSpinBox *m_port;
    QCheckBox *m_tls;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QLabel *m_fingerprint;
    QLabel *m_warning;
    QLabel *m_message;
    int m_selected = -1;
};

}  // namespace sb::ui
