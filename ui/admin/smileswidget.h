#pragma once
// The chat's smiles on the embedded server: the grid members pick from, with pictures and
// prices; add one from an image file with a price, change a price, remove one (it leaves
// the grid; messages that used it keep showing it). Through the node's ChatAdmin: every call
// is asynchronous, the GUI never blocks.

#include <QWidget>

class QLabel;
class QTableWidget;

namespace sb {
class ChatAdmin;
struct Status;
}

namespace sb::ui {

class SmilesWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit SmilesWidget(ChatAdmin &chat, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SmilesWidget)

    void refresh();
    void addFromFile(const QString &path, qint64 price);
    void setPrice(qint64 id, qint64 price);
    void remove(qint64 id);

    QTableWidget *table() const { return m_table; }
    QLabel *message() const { return m_message; }

signals:
    void refreshed();
    void finished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    // Shows `done` or why it failed, then reloads the grid.
    void report(const Status &status, const QString &done);
    qint64 selectedId() const;

    // An image file bigger than this is not read whole (the server refuses it anyway).
    static constexpr qint64 kMaxImageBytes = 64 * 1024 * 1024;

    ChatAdmin &m_chat;
    QTableWidget *m_table;
    QLabel *m_message;
    quint64 m_serial = 0;
};

}  // namespace sb::ui
