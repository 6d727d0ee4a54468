#pragma once
// The limits of the embedded server, server-wide and per service, changed while it runs:
// they apply to connections and requests that start afterwards; open connections keep the
// limits they started with (the panel says so). What each limit does: docs/configuration.md.

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace sb {
class ServerHost;
struct Limits;
}

namespace sb::ui {

class LimitsWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit LimitsWidget(ServerHost &host, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(LimitsWidget)

    // "" = server-wide, else a service name.
    void showLimits(const QString &service);
    void apply();
    // Writes the settings in force to the data directory's config.json; its path, or "".
    QString keep();

    QComboBox *scope() const { return m_scope; }
    QSpinBox *field(const QString &key) const;
    QLabel *message() const { return m_message; }

private:
    QString currentService() const;

    ServerHost &m_host;
    QComboBox *m_scope;
    QList<QPair<QString, QSpinBox *>> m_fields;
    QLabel *m_message;
};

}  // namespace sb::ui
