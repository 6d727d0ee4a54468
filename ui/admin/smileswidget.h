#pragma once
// The chat's smiles on the embedded server: the grid members pick from, with pictures and
// prices; add one from an image file with a price, change a price, remove one (it leaves
// the grid; messages that used it keep showing it). Store calls run on the thread pool.

#include <QThreadPool>
#include <QWidget>

#include <functional>

class QLabel;
class QTableWidget;

namespace sb {
class ServerHost;
}

namespace sb::ui {

class SmilesWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit SmilesWidget(ServerHost &host, QWidget *parent = nullptr);
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

private:
    void run(std::function<QString()> work, const QString &done);
    qint64 selectedId() const;

    ServerHost &m_host;
    QTableWidget *m_table;
    QLabel *m_message;
    quint64 m_serial = 0;
    // Store calls run here, not on the global pool: the pool's destructor waits for them, so
    // none outlives this widget (and with it the server it talks to).
    QThreadPool m_pool;
};

}  // namespace sb::ui
