#pragma once
// The limits of the embedded server, server-wide and per service, changed while it runs:
// they apply to connections and requests that start afterwards; open connections keep the
// limits they started with (the panel says so). Each scope shows the limits that apply in it
// (HTTP heads server-wide; messages, connections per address … per service); the server's
// total of connections is set at start and shown, not edited. What each limit does:
// docs/configuration.md.

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace sb {
class ListenersAdmin;
class Monitor;
struct Limits;
}

namespace sb::ui {

class LimitsWidget final : public QWidget
{
    Q_OBJECT
public:
    // The services offered are those the node serves (from `monitor`).
    LimitsWidget(Monitor &monitor, ListenersAdmin &admin, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LimitsWidget)

    // "" = server-wide, else a service name; shown() follows.
    void showLimits(const QString &service);
    // Changes the limits of the scope shown to the form's values; applied() follows.
    void apply();
    // Has the node write the settings in force to its config.json; kept() follows.
    void keep();

    QComboBox *scope() const { return m_scope; }
    QSpinBox *field(const QString &key) const;
    QLabel *message() const { return m_message; }

signals:
    void shown();
    void applied(bool ok);
    void kept(const QString &path);  // empty: not saved (the message says why)

private:
    QString currentService() const;

    ListenersAdmin &m_admin;
    QComboBox *m_scope;
    QFormLayout *m_form;
    QList<QPair<QString, QSpinBox *>> m_fields;
    QLabel *m_message;
};

}  // namespace sb::ui
