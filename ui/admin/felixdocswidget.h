#pragma once
// Felix guild and user documents of the embedded server: list, a JSON editor that checks
// the document before saving, save (connections listening to that id get the change live,
// as with the REST API) and delete. Store calls run on the thread pool.

#include <QHash>
#include <QThreadPool>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace sb {
class ServerHost;
}

namespace sb::ui {

class FelixDocsWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit FelixDocsWidget(ServerHost &host, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FelixDocsWidget)

    void refresh();
    // Saves the editor's document under the id field; false (and says why) when it is not
    // a JSON object or the id is empty.
    bool save();
    void remove();
    void showDocument(const QString &id);

    QComboBox *kind() const { return m_kind; }
    QListWidget *list() const { return m_list; }
    QLineEdit *id() const { return m_id; }
    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *message() const { return m_message; }

signals:
    void refreshed();
    void finished(bool ok, const QString &message);

private:
    bool guilds() const;
    void run(std::function<QString()> work, bool refreshAfter);

    ServerHost &m_host;
    QComboBox *m_kind;
    QListWidget *m_list;
    QLineEdit *m_id;
    QPlainTextEdit *m_editor;
    QLabel *m_message;
    QHash<QString, QString> m_docs;  // id -> indented JSON, as last listed
    quint64 m_serial = 0;
    // Store calls run here, not on the global pool: the pool's destructor waits for them, so
    // none outlives this widget (and with it the server it talks to).
    QThreadPool m_pool;
};

}  // namespace sb::ui
