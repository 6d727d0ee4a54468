#pragma once
// Administration → Audit: the node's latest administrative changes (who, from where, what,
// on what, when), newest first. Read when shown and with Refresh.

#include <QWidget>

class QLabel;
class QTableWidget;

namespace sb {
class AuditAdmin;
}

namespace sb::ui {

class AuditWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit AuditWidget(AuditAdmin &audit, QWidget *parent = nullptr);
    void refresh();
    QTableWidget *table() const { return m_table; }

signals:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    AuditAdmin &m_audit;
    QTableWidget *m_table;
    QLabel *m_message;
};

}  // namespace sb::ui
